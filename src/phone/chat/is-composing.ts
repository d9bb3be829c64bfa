/**
 * RFC 3994 `application/im-iscomposing+xml`: "the other side is typing" indications.
 * We send `active` at most every COMPOSING_RESEND_MS while the user types and `idle` when they stop
 * (or after COMPOSING_IDLE_MS); the receiver shows "typing" until `idle`, or until the active state's
 * refresh interval (default 120 s, RFC 3994 §3.2) runs out without a new indication.
 */
import { childText, parseXml } from './xml';

export const IS_COMPOSING_TYPE = 'application/im-iscomposing+xml';
const NS = 'urn:ietf:params:xml:ns:im-iscomposing';
/** The sender goes idle this long after the last keystroke (RFC 3994 §3.1 default is 15 s). */
export const COMPOSING_IDLE_MS = 15_000;
/** An `active` indication is sent at most this often while typing continues. */
export const COMPOSING_RESEND_MS = 5_000;
/** Refresh we ask for: the receiver may drop "typing" after this (s). */
export const COMPOSING_REFRESH_S = 60;
const DEFAULT_REFRESH_S = 120;
const MAX_BODY = 2048;

export interface ComposingState {
  active: boolean;
  /** How long an `active` state holds without a refresh (ms). */
  holdMs: number;
}

export function buildIsComposing(active: boolean): string {
  const refresh = active ? `<refresh>${COMPOSING_REFRESH_S}</refresh>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<isComposing xmlns="${NS}">` +
    `<state>${active ? 'active' : 'idle'}</state><contenttype>text/plain</contenttype>${refresh}</isComposing>`
  );
}

export function parseIsComposing(body: string): ComposingState | { error: string } {
  const doc = parseXml(body, MAX_BODY);
  if ('error' in doc) return doc;
  const root = doc.documentElement;
  if (root.localName !== 'isComposing' || root.namespaceURI !== NS) {
    return { error: 'root element is not isComposing in the im-iscomposing namespace' };
  }
  const state = childText(root, NS, 'state');
  if (state !== 'active' && state !== 'idle')
    return { error: `state must be active or idle, not ${state ?? 'absent'}` };
  const refreshText = childText(root, NS, 'refresh');
  let refresh = DEFAULT_REFRESH_S;
  if (refreshText !== undefined) {
    if (!/^\d{1,5}$/.test(refreshText) || Number(refreshText) === 0)
      return { error: `bad refresh "${refreshText}"` };
    refresh = Number(refreshText);
  }
  return { active: state === 'active', holdMs: refresh * 1000 };
}
