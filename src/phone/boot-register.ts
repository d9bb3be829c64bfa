/**
 * A reload's REGISTER, sent by index.html's boot script as soon as its early SIP WebSocket opens
 * (issue 10: navigation → REGISTER 200). On a reload the app's own REGISTER leaves only after the entry,
 * the saved settings and the engine's chunk have run on the main thread (~200 ms here); the boot script
 * runs before all of them. So after each accepted REGISTER the app leaves the next one ready in this
 * tab's sessionStorage, already answering the nonce the registrar accepted (preemptive-digest.ts), and
 * the boot script only fills in a fresh branch, tag and Call-ID and sends it.
 *
 * The REGISTER binds the same Contact the engine's user agent will register: the tab keeps its SIP
 * identity (contact user, Via host, `+sip.instance`) across reloads, as RFC 5626 §4.1 asks of an
 * instance id, so the engine's own REGISTER that follows refreshes the same binding instead of adding a
 * second one. Each tab has its own identity (sessionStorage is per tab); a duplicated tab copies the
 * storage while the first tab still uses it (`inUse`), so it makes its own.
 *
 * What the boot script receives before the engine adopts its socket (an INVITE to the fresh binding, a
 * MESSAGE) is kept and handed to sip.js then (early-socket.ts): the binding is reachable from its 200.
 * Holding no password: the prepared Authorization answers one nonce count of one nonce for REGISTER,
 * what the wire shows anyway; it is used once (the boot script removes it) and expires with the nonce.
 */
import { BOOT_REGISTER_KEY } from './boot-slot';
import type { FilterableTransport, PreemptiveDigest } from './preemptive-digest';
import { callIdOf, cseqMethod, headOf, splitMessage } from './sip-text';

export { BOOT_REGISTER_KEY };

/** The boot script replaces these in `message` with fresh values. */
export const BOOT_PLACEHOLDERS = { branch: '{{branch}}', tag: '{{tag}}', callId: '{{callId}}' } as const;

/** How the tab's user agent names itself in Via and Contact (sip.js `UserAgentOptions`). */
export interface SipIdentity {
  contactName: string;
  viaHost: string;
  instanceId: string;
}

export interface PreparedRegister {
  /** The SIP WebSocket URL it is for. */
  url: string;
  /** The REGISTER's text with the placeholders. */
  message: string;
  /** ms since the epoch after which its nonce is not worth trying. */
  validUntil: number;
}

export interface BootRegisterRecord {
  /** Whose identity this is: the digest user and the WebSocket URL (a contact is bound to one user). */
  account: string;
  identity: SipIdentity;
  /** A page of this tab holds the identity (cleared on `pagehide`). */
  inUse: boolean;
  prepared?: PreparedRegister;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const TOKEN = /^[A-Za-z0-9]{1,32}$/;
const HOST = /^[a-z0-9]{1,32}\.invalid$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isIdentity(value: unknown): value is SipIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.contactName === 'string' &&
    TOKEN.test(v.contactName) &&
    typeof v.viaHost === 'string' &&
    HOST.test(v.viaHost) &&
    typeof v.instanceId === 'string' &&
    UUID.test(v.instanceId)
  );
}

/** The record in `storage`, checked: anything malformed is none. */
export function readBootRecord(storage: Store): BootRegisterRecord | null {
  let parsed: unknown;
  try {
    const raw = storage.getItem(BOOT_REGISTER_KEY);
    if (raw === null) return null;
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const r = parsed as Record<string, unknown>;
  if (typeof r.account !== 'string' || typeof r.inUse !== 'boolean' || !isIdentity(r.identity)) return null;
  const record: BootRegisterRecord = { account: r.account, identity: r.identity, inUse: r.inUse };
  const p = r.prepared as Record<string, unknown> | undefined;
  if (p && typeof p.url === 'string' && typeof p.message === 'string' && typeof p.validUntil === 'number') {
    record.prepared = { url: p.url, message: p.message, validUntil: p.validUntil };
  }
  return record;
}

/** Sign-out removes the record without this module (phone-bridge-instance.ts: the entry must not load it). */
function write(storage: Store, record: BootRegisterRecord): void {
  try {
    storage.setItem(BOOT_REGISTER_KEY, JSON.stringify(record));
  } catch {
    // Storage full or denied: the next start registers as before, under a new identity.
  }
}

/** Lower-case hex of `bytes` (identity tokens here, a digest's cnonce in sipjs.ts). */
export const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A new identity, with sip.js's own shapes (random contact user, `.invalid` Via host, UUID v4). */
export function newIdentity(random: (bytes: number) => Uint8Array): SipIdentity {
  const id = hex(random(16)).split('');
  id[12] = '4';
  id[16] = '89ab'[parseInt(id[16]!, 16) & 3]!;
  const uuid = id.join('');
  return {
    contactName: hex(random(5)),
    viaHost: `${hex(random(6))}.invalid`,
    instanceId: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
  };
}

/**
 * The identity a user agent for `account` starts with: the tab's own when it is for that account and no
 * other page holds it (a reload), else a new one. Either way it is marked in use, and any REGISTER still
 * prepared (the boot script did not take it) is dropped with it.
 */
export function claimIdentity(
  storage: Store,
  account: string,
  random: (bytes: number) => Uint8Array,
): SipIdentity {
  const saved = readBootRecord(storage);
  const identity = saved && saved.account === account && !saved.inUse ? saved.identity : newIdentity(random);
  write(storage, { account, identity, inUse: true });
  return identity;
}

/**
 * Whether a page holds `identity`: not when the page is going away or its user agent stopped (the next
 * page of this tab may take it), again when the page comes back from the back/forward cache. A record
 * of another identity is left alone.
 */
export function markIdentity(storage: Store, identity: SipIdentity, inUse: boolean): void {
  const saved = readBootRecord(storage);
  if (saved && saved.identity.instanceId === identity.instanceId) write(storage, { ...saved, inUse });
}

const line = (name: string) => new RegExp(`^(${name})[ \\t]*:[^\\r\\n]*(\\r\\n)?`, 'gim');

/**
 * The template of the next REGISTER from the last one sent (as sip.js wrote it, before any credentials):
 * the same request, Contact and Expires, with a new transaction, dialog tag and Call-ID for the boot
 * script to fill in, and CSeq 1. Null for what is not a REGISTER that adds a binding.
 */
export function registerTemplate(sent: string): string | null {
  const parts = splitMessage(sent);
  if (!sent.startsWith('REGISTER ') || !parts) return null;
  let head = parts.head;
  if (/^(Expires|Contact)[ \t]*:.*expires=0\b/im.test(head) || /^Expires[ \t]*:[ \t]*0[ \t]*$/im.test(head))
    return null;
  if (/\r\n(?:Content-Length|l)[ \t]*:[ \t]*[1-9]/i.test(head)) return null;
  const via = /^((?:Via|v)[ \t]*:[^\r\n]*?;branch=)[^;\s,]+/im;
  const from = /^((?:From|f)[ \t]*:[^\r\n]*?;tag=)[^;\s,]+/im;
  const callId = /^(Call-ID|i)[ \t]*:[^\r\n]*/im;
  const cseq = /^(CSeq)[ \t]*:[ \t]*\d+[ \t]+REGISTER/im;
  if (![via, from, callId, cseq].every((re) => re.test(head))) return null;
  head = head
    .replace(via, `$1z9hG4bK${BOOT_PLACEHOLDERS.branch}`)
    .replace(from, `$1${BOOT_PLACEHOLDERS.tag}`)
    .replace(callId, `Call-ID: ${BOOT_PLACEHOLDERS.callId}`)
    .replace(cseq, 'CSeq: 1 REGISTER')
    .replace(line('Authorization'), '')
    .replace(/\r\n$/, '');
  return `${head}\r\n\r\n`;
}

export interface BootRegisterDeps {
  storage: Store;
  digest: PreemptiveDigest;
  /** The SIP WebSocket URL. */
  url: string;
  identity: SipIdentity;
}

/**
 * After a REGISTER that added a binding was accepted: keeps the next one ready for a reload of this tab,
 * with credentials for the nonce just accepted. Nothing is kept without them: a bare REGISTER would only
 * earn the boot script a 401 it cannot answer.
 */
export function prepareBootRegister(deps: BootRegisterDeps, sent: string): void {
  const saved = readBootRecord(deps.storage);
  if (!saved || saved.identity.instanceId !== deps.identity.instanceId) return;
  const template = registerTemplate(sent);
  const authorized = template ? deps.digest.authorize(template) : null;
  const { prepared: _old, ...rest } = saved;
  write(
    deps.storage,
    authorized
      ? {
          ...rest,
          prepared: { url: deps.url, message: authorized.message, validUntil: authorized.validUntil },
        }
      : rest,
  );
}

const isRegisterOk = (message: string) =>
  /^SIP\/2\.0 2\d\d /.test(message) && cseqMethod(headOf(message)) === 'REGISTER';

/**
 * Watches the transport for accepted REGISTERs: each 2xx to the last REGISTER sent (matched by Call-ID)
 * prepares the next one for a reload. Put it on after `filterTransport`: it then sees REGISTERs as sip.js
 * wrote them, and a 2xx after the filter has learnt from it.
 */
export function watchRegistrations(transport: FilterableTransport, deps: BootRegisterDeps): void {
  let last: string | null = null;
  const send = transport.send.bind(transport);
  transport.send = (message) => {
    if (message.startsWith('REGISTER ')) last = message;
    return send(message);
  };
  const receive = transport.onMessage;
  if (!receive) return;
  transport.onMessage = (message) => {
    // After the message has gone through: the digest filter marks the nonce accepted on this 200.
    receive(message);
    try {
      if (last && isRegisterOk(message) && callIdOf(message) === callIdOf(last)) {
        prepareBootRegister(deps, last);
      }
    } catch {
      // Only the next reload's head start is lost.
    }
  };
}
