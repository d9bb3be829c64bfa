/**
 * Opens a room with the adapter the link names. Apart from ./rooms.ts (the port) so that the adapters,
 * which import the port, are only ever imported from here and with `import()`: no cycle, and the
 * Sendbird SDK stays out of the main bundle.
 */
import { RoomError, type JoinParams, type RoomSession } from './rooms';

/** Opens a room with the adapter the link names. Rejects with a RoomError. */
export async function joinRoom(params: JoinParams): Promise<RoomSession> {
  if (params.payload.provider === 'sip') {
    const { joinSipRoom } = await import('./sip-room');
    return joinSipRoom(params.payload, params);
  }
  const payload = params.payload;
  const { joinSendbirdRoom, loadSendbirdSdk } = await import('./sendbird-room');
  let sdk;
  try {
    sdk = await loadSendbirdSdk();
  } catch {
    throw new RoomError('unreachable', 'Could not load the call software. Check your connection and retry.');
  }
  return joinSendbirdRoom(sdk, payload, params);
}
