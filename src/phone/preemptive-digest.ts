/**
 * Preemptive digest credentials for REGISTER (RFC 3261 §22.1, RFC 2617 §3.3 / RFC 7616 §3.4.5): a
 * client may answer a nonce the server already gave it again, with the nonce count raised, instead of
 * sending each new request without credentials and waiting for a 401 to learn a fresh nonce.
 *
 * sip.js sends every REGISTER bare and answers the 401. Each start of the app, each refresh and each
 * re-registration after a network change therefore spends a round trip on the challenge (issue 10: a
 * reload's navigation → REGISTER 200; on a phone's network that round trip is the largest part).
 * This filter sits on the transport and only edits the wire text:
 * - a 401 to a REGISTER: its Digest challenge is remembered (not yet trusted);
 * - a 2xx to a REGISTER after it: the credentials are right for that nonce, so it may be answered again;
 * - a bare REGISTER while such a nonce is fresh: an `Authorization` for it is added, with the next nonce
 *   count, so the server can accept it at once;
 * - where the server also answered a call, message or subscription with a 407 in that realm (Kamailio
 *   authenticates every one), later ones outside a dialog carry `Proxy-Authorization` for the same nonce,
 *   which saves each call set-up that round trip too.
 * A server that no longer takes the nonce (expired, restarted, one-time nonces) answers 401 as before, and
 * sip.js, which never saw the added header, answers that challenge as it always does: the worst case is
 * today's exchange. Only a nonce a REGISTER was accepted with is answered, and only with the password it
 * was accepted with, so a wrong or changed password is never tried before a challenge. What is kept (realm, nonce, count) holds no secret: the digest needs the password.
 */
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import { cseqMethod, headerValues, splitMessage } from './sip-text';

/** A Digest challenge from the registrar, as kept between REGISTERs and across page loads. */
export interface SavedChallenge {
  /** The digest username and the WebSocket URL it was challenged on: any other account or server ignores it. */
  user: string;
  server: string;
  realm: string;
  nonce: string;
  opaque?: string;
  /** The highest nonce count used with this nonce so far (sip.js answers a challenge with 1). */
  nc: number;
  /** When the challenge arrived (ms since the epoch). */
  seenAt: number;
  /** A REGISTER answering this nonce was accepted: the credentials are right for it. */
  accepted: boolean;
  /**
   * This registrar also challenged a call, message or subscription with a 407 in the same realm (a
   * proxy that authenticates them, as Kamailio does): those then carry `Proxy-Authorization` for the
   * nonce from the start. Never sent to a server that has not asked, which could pass it on.
   */
  proxy?: boolean;
  /**
   * Set on acceptance: a digest of the password's HA1 with this nonce, so a password changed since (typed
   * in Settings) is not tried early, which would cost the registrar's guessing brake a second failure.
   * It reveals no more than a REGISTER on the wire does.
   */
  proof?: string;
}

export interface ChallengeStore {
  read(): SavedChallenge | null;
  write(challenge: SavedChallenge | null): void;
}

export interface DigestAccount {
  /** The digest username (the authorization username, else the SIP username). */
  username: string;
  password: string;
  /** The SIP WebSocket URL. */
  server: string;
}

export interface PreemptiveDigestDeps {
  account(): DigestAccount | null;
  store: ChallengeStore;
  now(): number;
  /** A fresh client nonce (hex). */
  cnonce(): string;
}

/**
 * How long a nonce is worth trying again. Registrars keep theirs valid for minutes (Kamailio's default
 * and this repo's reference server: 5); an older one would only earn the 401 that a bare REGISTER gets.
 */
export const CHALLENGE_MAX_AGE_MS = 4 * 60_000;

const md5 = (text: string) => Md5.hashStr(text);
const proofOf = (ha1: string, nonce: string) => md5(`${ha1}:${nonce}:openline-preemptive`);

/** `key=value` and `key="quoted value"` pairs of an auth header's parameter list, keys lower-cased. */
export function authParams(list: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of list.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g)) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    params.set(match[1]!.toLowerCase(), value);
  }
  return params;
}

/** Longest realm, nonce or opaque value kept (real ones are tens of characters). */
const MAX_CHALLENGE_FIELD = 512;

/** A challenge this filter can answer: Digest, MD5 (or unnamed), offering qop=auth, with realm and nonce. */
function usableChallenge(value: string): Pick<SavedChallenge, 'realm' | 'nonce' | 'opaque'> | null {
  const digest = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!digest) return null;
  const params = authParams(digest[1]!);
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const algorithm = params.get('algorithm');
  const qops = (params.get('qop') ?? '').split(',').map((qop) => qop.trim().toLowerCase());
  if (realm === undefined || !nonce || !qops.includes('auth')) return null;
  // Kept in localStorage: a challenge no registrar would send is not worth keeping (or filling it with).
  if ([realm, nonce, params.get('opaque') ?? ''].some((value) => value.length > MAX_CHALLENGE_FIELD))
    return null;
  if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') return null;
  const opaque = params.get('opaque');
  return opaque === undefined ? { realm, nonce } : { realm, nonce, opaque };
}

/** Requests that start a dialog or stand alone, which a proxy may authenticate (RFC 3261 §22.3). */
const PROXY_AUTHENTICATED = new Set(['INVITE', 'MESSAGE', 'SUBSCRIBE', 'REFER']);

const quoted = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

export class PreemptiveDigest {
  constructor(private readonly deps: PreemptiveDigestDeps) {}

  /**
   * A request about to be sent: a bare REGISTER gets credentials for a trusted, fresh nonce, and so does
   * a new call, message or subscription where the server proxy-authenticates them (`proxy`).
   */
  outgoing(message: string): string {
    return this.withCredentials(message)?.message ?? message;
  }

  /**
   * A REGISTER for later (boot-register.ts): with credentials for the accepted nonce and its count used
   * up now, and until when the nonce is worth trying; null where `outgoing` would add nothing.
   */
  authorize(message: string): { message: string; validUntil: number } | null {
    const done = this.withCredentials(message);
    return done ? { message: done.message, validUntil: done.seenAt + CHALLENGE_MAX_AGE_MS } : null;
  }

  private withCredentials(message: string): { message: string; seenAt: number } | null {
    const start = /^([A-Z]+) (\S+) SIP\/2\.0\r\n/.exec(message);
    if (!start) return null;
    const method = start[1]!;
    const uri = start[2]!;
    const register = method === 'REGISTER';
    if (!register && !PROXY_AUTHENTICATED.has(method)) return null;
    const header = register ? 'Authorization' : 'Proxy-Authorization';
    const parts = splitMessage(message);
    if (!parts || headerValues(parts.head, header).length > 0) return null;
    // Only requests outside a dialog: a proxy authenticates those (and the To tag marks one inside).
    if (!register && headerValues(parts.head, 'To').some((to) => /;\s*tag=/i.test(to))) return null;
    const account = this.deps.account();
    const saved = this.read(account);
    if (!account || !saved?.accepted || this.deps.now() - saved.seenAt > CHALLENGE_MAX_AGE_MS) return null;
    if (!register && !saved.proxy) return null;
    const ha1 = md5(`${account.username}:${saved.realm}:${account.password}`);
    if (saved.proof !== proofOf(ha1, saved.nonce)) return null;
    const nc = saved.nc + 1;
    const ncHex = nc.toString(16).padStart(8, '0');
    const cnonce = this.deps.cnonce();
    const ha2 = md5(`${method}:${uri}`);
    const response = md5(`${ha1}:${saved.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
    const fields = [
      `username=${quoted(account.username)}`,
      `realm=${quoted(saved.realm)}`,
      `nonce=${quoted(saved.nonce)}`,
      `uri=${quoted(uri)}`,
      `response=${quoted(response)}`,
      'algorithm=MD5',
      'qop=auth',
      `nc=${ncHex}`,
      `cnonce=${quoted(cnonce)}`,
      ...(saved.opaque !== undefined ? [`opaque=${quoted(saved.opaque)}`] : []),
    ];
    // Counted before it leaves: a reload right after must not repeat this count (the server would refuse it).
    this.write({ ...saved, nc });
    return {
      message: `${parts.head}\r\n${header}: Digest ${fields.join(', ')}${parts.rest}`,
      seenAt: saved.seenAt,
    };
  }

  /**
   * A message received: responses to REGISTER teach which nonce to answer next; a 407 to a call, message
   * or subscription, that the server wants those authenticated too.
   */
  incoming(message: string): void {
    const status = /^SIP\/2\.0 (\d{3}) /.exec(message);
    if (!status) return;
    const parts = splitMessage(message);
    if (!parts) return;
    const method = cseqMethod(parts.head);
    const account = this.deps.account();
    if (!account || !method) return;
    const code = Number(status[1]);
    if (code === 407 && PROXY_AUTHENTICATED.has(method)) {
      const saved = this.read(account);
      const challenge = headerValues(parts.head, 'Proxy-Authenticate').map(usableChallenge).find(Boolean);
      if (saved && !saved.proxy && challenge?.realm === saved.realm) this.write({ ...saved, proxy: true });
      return;
    }
    if (method !== 'REGISTER') return;
    if (code === 401) {
      const challenge = headerValues(parts.head, 'WWW-Authenticate').map(usableChallenge).find(Boolean);
      const proxy = this.read(account)?.proxy;
      this.write(
        challenge
          ? {
              ...challenge,
              user: account.username,
              server: account.server,
              nc: 1,
              seenAt: this.deps.now(),
              accepted: false,
              ...(proxy ? { proxy } : {}),
            }
          : null,
      );
    } else if (code >= 200 && code < 300) {
      const saved = this.read(account);
      if (saved && !saved.accepted) {
        const ha1 = md5(`${account.username}:${saved.realm}:${account.password}`);
        this.write({ ...saved, accepted: true, proof: proofOf(ha1, saved.nonce) });
      }
    } else if (code === 403) {
      this.write(null); // refused outright (disabled account, locked out): try nothing early
    }
  }

  /** Storage full or disabled only costs the next REGISTER its head start. */
  private write(challenge: SavedChallenge | null): void {
    try {
      this.deps.store.write(challenge);
    } catch {
      // As without this filter.
    }
  }

  private read(account: DigestAccount | null): SavedChallenge | null {
    if (!account) return null;
    let saved: SavedChallenge | null;
    try {
      saved = this.deps.store.read();
    } catch {
      return null;
    }
    return saved && saved.user === account.username && saved.server === account.server ? saved : null;
  }
}

/**
 * sip.js's transport as this filter (and boot-register.ts's watch) needs it: its `send`, and the
 * `onMessage` its UserAgent sets.
 */
export interface FilterableTransport {
  send(message: string): Promise<void>;
  onMessage: ((message: string) => void) | undefined;
}

/**
 * Puts `digest` on the transport's two ends. Call it after the UserAgent is made (it sets `onMessage`).
 * A fault in the filter never costs a message: the text goes on as it was.
 */
export function filterTransport(transport: FilterableTransport, digest: PreemptiveDigest): void {
  const send = transport.send.bind(transport);
  transport.send = (message) => {
    let edited = message;
    try {
      edited = digest.outgoing(message);
    } catch {
      edited = message;
    }
    return send(edited);
  };
  const receive = transport.onMessage;
  if (!receive) return;
  transport.onMessage = (message) => {
    try {
      digest.incoming(message);
    } catch {
      // Only the next REGISTER's head start is lost.
    }
    receive(message);
  };
}

const CHALLENGE_KEY = 'openline.sipChallenge';

function isSavedChallenge(value: unknown): value is SavedChallenge {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    ['user', 'server', 'realm', 'nonce'].every((key) => typeof c[key] === 'string') &&
    (c.opaque === undefined || typeof c.opaque === 'string') &&
    (c.proof === undefined || typeof c.proof === 'string') &&
    (c.proxy === undefined || typeof c.proxy === 'boolean') &&
    Number.isSafeInteger(c.nc) &&
    (c.nc as number) >= 1 &&
    typeof c.seenAt === 'number' &&
    typeof c.accepted === 'boolean'
  );
}

/** The challenge kept in `storage` (localStorage in the app), checked on read: anything else is none. */
export function storedChallenges(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): ChallengeStore {
  return {
    read() {
      const raw = storage.getItem(CHALLENGE_KEY);
      if (raw === null) return null;
      try {
        const parsed: unknown = JSON.parse(raw);
        return isSavedChallenge(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    write(challenge) {
      if (challenge) storage.setItem(CHALLENGE_KEY, JSON.stringify(challenge));
      else storage.removeItem(CHALLENGE_KEY);
    },
  };
}
