/** Update-policy messages between the service worker and the page (both sides import this file). */

/** Worker → page, with a MessagePort: "are you in a call?"; the page answers `{ inCall: boolean }`. */
export const CALL_STATE_QUERY = 'openline:call-state-query';
/** Worker → the page that asked for the update: a call in some tab holds the update back. */
export const UPDATE_DEFERRED = 'openline:update-deferred';

export interface CallStateAnswer {
  inCall: boolean;
}

export function isCallStateAnswer(value: unknown): value is CallStateAnswer {
  return (
    typeof value === 'object' && value !== null && typeof (value as CallStateAnswer).inCall === 'boolean'
  );
}

export function isMessageOfType(value: unknown, type: string): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}
