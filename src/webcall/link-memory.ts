/**
 * Remembers the call link of this tab, so a reload (or coming back to the tab) keeps working although
 * the join page removes the link from the address bar. The link is kept as it came, in `sessionStorage`:
 * this tab only, never sent to a server, never in the address bar or history; a password-protected link
 * stays encrypted (the password is asked again). Forgotten when the link expires or the customer leaves.
 */

/** The parts of the address that held the link (`#2.…`, or the legacy `?data=…`). */
export interface RememberedLink {
  hash: string;
  search: string;
}

export interface LinkMemory {
  keep(link: RememberedLink, expiresAtMs: number): void;
  /** The kept link, unless it expired (then it is forgotten). */
  recall(nowMs: number): RememberedLink | null;
  forget(): void;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'openline.join-link';
/** Links are a few hundred bytes; anything much bigger in this slot was not written by us. */
const MAX_CHARS = 16_384;

function parse(text: string | null): { link: RememberedLink; exp: number } | null {
  if (!text || text.length > MAX_CHARS) return null;
  try {
    const value = JSON.parse(text) as { hash?: unknown; search?: unknown; exp?: unknown };
    const { hash, search, exp } = value;
    if (typeof hash !== 'string' || typeof search !== 'string' || typeof exp !== 'number') return null;
    if (!hash.startsWith('#') && !search.startsWith('?')) return null;
    return { link: { hash, search }, exp };
  } catch {
    return null;
  }
}

/** `storage` null (or throwing, as in some private modes): nothing is remembered, nothing fails. */
export function createLinkMemory(storage: StorageLike | null): LinkMemory {
  const attempt = (action: (s: StorageLike) => void) => {
    try {
      if (storage) action(storage);
    } catch {
      // Storage disabled or full: the page works as before, without surviving a reload.
    }
  };
  const forget = () => attempt((s) => s.removeItem(KEY));
  return {
    keep(link, expiresAtMs) {
      attempt((s) =>
        s.setItem(KEY, JSON.stringify({ hash: link.hash, search: link.search, exp: expiresAtMs })),
      );
    },
    recall(nowMs) {
      let text: string | null = null;
      attempt((s) => (text = s.getItem(KEY)));
      const saved = parse(text);
      if (saved && saved.exp > nowMs) return saved.link;
      if (text !== null) forget();
      return null;
    },
    forget,
  };
}

/** Storage for the page: `sessionStorage` when the browser lets us touch it. */
export function sessionLinkStorage(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
