/**
 * The engine's call and registration vocabulary as screens see it. Screens import it from here, not
 * from src/phone: the stores are the one layer they talk to (lint/layers.js).
 */
export { CallState, RegistrationState } from '../phone/types';
export type { CallEndReason, CallMedia, CallSnapshot, DtmfMethod, TransferStatus } from '../phone/types';
