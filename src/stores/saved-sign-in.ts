import { pageStorage } from '../lib/page-storage';

/**
 * A saved sign-in's SIP WebSocket URL: written once registered, removed on sign-out, and read by
 * index.html's boot script, which opens that socket early (src/phone/early-socket.ts). Its presence is
 * also how a start knows at once, before IndexedDB answers, that it will register rather than show the
 * sign-in form.
 */
export const EARLY_SOCKET_KEY = 'openline.earlySipSocket';

export function hasSavedSignIn(): boolean {
  return pageStorage('local').getItem(EARLY_SOCKET_KEY) !== null;
}
