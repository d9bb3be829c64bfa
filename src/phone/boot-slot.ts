/**
 * The names index.html's boot script and the app share for a reload's early registration (ADR 0043),
 * apart from the code that uses them: the app's entry reads these, and the rest of boot-register.ts
 * belongs in the engine's chunk.
 */
/** Where index.html's boot script leaves its early SIP WebSocket (a property of `window`; early-socket.ts). */
export const EARLY_SOCKET_GLOBAL = 'openlineEarlySipSocket';

/**
 * The boot script has a REGISTER on its way for this start (it sets the slot's `bootCallId` when it
 * decides to send one). The app's own registration is then off the path to reachability, so the first
 * render need not make way for it.
 */
export function bootRegisterUnderway(
  scope: Record<string, unknown> = globalThis as Record<string, unknown>,
): boolean {
  const slot = scope[EARLY_SOCKET_GLOBAL];
  return (
    typeof slot === 'object' &&
    slot !== null &&
    typeof (slot as { bootCallId?: unknown }).bootCallId === 'string'
  );
}

/** sessionStorage key; index.html's boot script reads it by this name. */
export const BOOT_REGISTER_KEY = 'openline.bootRegister';
