/**
 * The webcall link codec. A link is `https://<host>/join#<version>.<base64url(body)>`; the fragment
 * never reaches a server. Format version 2, body bytes:
 *
 * ```
 *  open:       0x00 ‖ signature[64] ‖ UTF-8 JSON payload
 *  protected:  0x01 ‖ exp u32 ‖ iterations u32 ‖ salt[16] ‖ iv[12] ‖ check[4] ‖
 *              AES-GCM(signature[64] ‖ JSON payload) ‖ tag[16]
 *              (integers big-endian; exp in Unix seconds; the 45-byte header is the GCM additional data)
 * ```
 * The signature is the server's Ed25519 signature over the payload bytes (signature.ts): it proves
 * the link was made by the serving origin; the password only hides it. The expiry of a protected link
 * sits in the clear so it is checked before the password is asked for; it is authenticated (AAD) and
 * must equal the signed payload's `exp`. Format 1 (unsigned) links are refused as `unsigned`.
 *
 * Decoding never throws and hands out a payload only once its signature verified with the serving
 * origin's key and it names only what that origin publishes (trust.ts): every outcome is such a
 * payload, a "password needed" step, or a {@link LinkError}.
 */
import { errorMessage } from '../lib/errors';
import { fromBase64Url, toBase64Url } from './base64url';
import {
  CHECK_BYTES,
  DEFAULT_ITERATIONS,
  IV_BYTES,
  SALT_BYTES,
  deriveSecrets,
  open,
  randomBytes,
  sameBytes,
  seal,
} from './crypto';
import { fail, ok, type LinkResult } from './errors';
import { JoinPayload, PROVIDERS } from './payload';
import { SIGNATURE_BYTES, verifySignature } from './signature';
import { checkPublished, type LinkTrust } from './trust';

export const LINK_VERSION = 2;
/** The last format without a signature. */
const UNSIGNED_VERSION = 1;
const KIND_OPEN = 0;
const KIND_PROTECTED = 1;
const HEADER_BYTES = 1 + 4 + 4 + SALT_BYTES + IV_BYTES + CHECK_BYTES;
const TAG_BYTES = 16;
/** Longest fragment we look at: links travel by SMS and chat, a few hundred characters in practice. */
export const MAX_FRAGMENT_CHARS = 8192;

export interface IterationLimits {
  min: number;
  max: number;
}
/** A link asking for more iterations than this would freeze the customer's phone (or is forged). */
export const DEFAULT_LIMITS: IterationLimits = { min: 100_000, max: 5_000_000 };

export interface EncodeOptions {
  /** Page origin the link points at, e.g. `https://calls.example.com`. */
  origin: string;
  /** Protects the payload with AES-GCM under a PBKDF2-SHA256 key. */
  password?: string;
  iterations?: number;
}

export interface DecodeOptions {
  /** What the serving origin publishes: its signing key, SIP and ICE servers, Sendbird app. */
  trust: LinkTrust;
  /** The page's address, against which a relative `/sip` in a payload is resolved. */
  pageHref: string;
  /** Epoch ms (default `Date.now()`). */
  now?: number;
  limits?: IterationLimits;
}

/** A payload as the server signed it: its exact JSON bytes and signature, both base64url. */
export interface SignedPayload {
  payload: string;
  signature: string;
}

export type OpenedLink =
  | { kind: 'open'; payload: JoinPayload }
  | {
      kind: 'protected';
      expiresAt: Date;
      /** Decrypts with the customer's password; may be called again after `wrong-password`. */
      unlock(password: string): Promise<LinkResult<JoinPayload>>;
    };

/** Reads a server-signed payload (its bytes must be a valid payload; the page checks the rest). */
function signedParts(signed: SignedPayload): { json: Uint8Array; signature: Uint8Array; exp: number } {
  const json = fromBase64Url(signed.payload);
  const signature = fromBase64Url(signed.signature);
  if (!json || !signature || signature.length !== SIGNATURE_BYTES)
    throw new Error('the server answered a link without a valid signature');
  const parsed = JoinPayload.parse(JSON.parse(new TextDecoder().decode(json)));
  return { json, signature, exp: parsed.exp };
}

export async function encodeLink(signed: SignedPayload, options: EncodeOptions): Promise<string> {
  const { json: payloadBytes, signature, exp } = signedParts(signed);
  const json = new Uint8Array(SIGNATURE_BYTES + payloadBytes.length);
  json.set(signature);
  json.set(payloadBytes, SIGNATURE_BYTES);
  let body: Uint8Array<ArrayBuffer>;
  if (options.password) {
    const iterations = options.iterations ?? DEFAULT_ITERATIONS;
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const { key, check } = await deriveSecrets(options.password, salt, iterations);
    const header = new Uint8Array(HEADER_BYTES);
    const view = new DataView(header.buffer);
    header[0] = KIND_PROTECTED;
    view.setUint32(1, exp);
    view.setUint32(5, iterations);
    header.set(salt, 9);
    header.set(iv, 9 + SALT_BYTES);
    header.set(check, 9 + SALT_BYTES + IV_BYTES);
    const sealed = await seal(key, iv, json, header);
    body = new Uint8Array(HEADER_BYTES + sealed.length);
    body.set(header);
    body.set(sealed, HEADER_BYTES);
  } else {
    body = new Uint8Array(1 + json.length);
    body[0] = KIND_OPEN;
    body.set(json, 1);
  }
  return `${options.origin.replace(/\/+$/, '')}/join#${LINK_VERSION}.${toBase64Url(body)}`;
}

/** Checks the JSON text of a payload: shape, provider, then expiry. */
export function checkPayload(json: unknown, now: number): LinkResult<JoinPayload> {
  const provider =
    json !== null && typeof json === 'object' && 'provider' in json
      ? (json as { provider: unknown }).provider
      : undefined;
  if (typeof provider !== 'string') return fail('malformed', 'payload has no provider');
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    return fail('unsupported-provider', `provider "${provider.slice(0, 40)}"`, {
      provider: provider.slice(0, 40),
    });
  }
  const parsed = JoinPayload.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('malformed', `payload ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (parsed.data.exp * 1000 < now) {
    return fail('expired', 'link expired', { expiredAt: new Date(parsed.data.exp * 1000) });
  }
  return ok(parsed.data);
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/** Verifies the signed bytes (signature ‖ JSON), then shape, expiry and what the payload points at. */
async function verifiedPayload(
  signedBytes: Uint8Array,
  options: DecodeOptions,
  corrupted: 'forged' | 'tampered',
): Promise<LinkResult<JoinPayload>> {
  if (signedBytes.length <= SIGNATURE_BYTES) return fail('malformed', 'body too short for a signature');
  const signature = signedBytes.subarray(0, SIGNATURE_BYTES);
  const json = signedBytes.subarray(SIGNATURE_BYTES);
  if (!(await verifySignature(options.trust.signingKey, json, signature)))
    return fail('forged', "signature does not verify with the serving origin's key");
  const parsed = parseJson(json);
  if (!parsed.ok) return fail(corrupted, 'signed payload is not JSON');
  const checked = checkPayload(parsed.value, options.now ?? Date.now());
  return checked.ok ? checkPublished(checked.value, options.trust, options.pageHref) : checked;
}

/** Reads a fragment (with or without the leading `#`). */
export async function decodeLink(fragment: string, options: DecodeOptions): Promise<LinkResult<OpenedLink>> {
  const now = options.now ?? Date.now();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length === 0) return fail('malformed', 'empty link');
  if (text.length > MAX_FRAGMENT_CHARS) return fail('malformed', 'link too long');
  const dot = text.indexOf('.');
  if (dot <= 0) return fail('malformed', 'no version');
  const version = text.slice(0, dot);
  if (!/^\d{1,6}$/.test(version)) return fail('malformed', 'bad version');
  if (Number(version) === UNSIGNED_VERSION) return fail('unsigned', 'format 1 links carry no signature');
  if (Number(version) !== LINK_VERSION) return fail('unknown-version', `version ${version}`);
  const body = fromBase64Url(text.slice(dot + 1));
  if (!body || body.length < 2) return fail('malformed', 'body is not base64url');

  if (body[0] === KIND_OPEN) {
    const checked = await verifiedPayload(body.subarray(1), options, 'forged');
    return checked.ok ? ok({ kind: 'open', payload: checked.value }) : checked;
  }
  if (body[0] !== KIND_PROTECTED) return fail('malformed', `unknown body kind ${body[0]}`);
  if (body.length < HEADER_BYTES + TAG_BYTES + SIGNATURE_BYTES + 2)
    return fail('malformed', 'protected body too short');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const exp = view.getUint32(1);
  const iterations = view.getUint32(5);
  if (iterations < limits.min || iterations > limits.max)
    return fail('malformed', `iterations ${iterations}`);
  if (exp === 0) return fail('malformed', 'no expiry');
  const expiresAt = new Date(exp * 1000);
  if (exp * 1000 < now) return fail('expired', 'link expired', { expiredAt: expiresAt });
  const header = body.slice(0, HEADER_BYTES);
  const salt = body.slice(9, 9 + SALT_BYTES);
  const iv = body.slice(9 + SALT_BYTES, 9 + SALT_BYTES + IV_BYTES);
  const check = body.slice(9 + SALT_BYTES + IV_BYTES, HEADER_BYTES);
  const sealed = body.slice(HEADER_BYTES);

  const unlock = async (password: string): Promise<LinkResult<JoinPayload>> => {
    let secrets;
    try {
      secrets = await deriveSecrets(password, salt, iterations);
    } catch (error) {
      return fail('malformed', `cannot derive key: ${errorMessage(error)}`);
    }
    if (!sameBytes(secrets.check, check)) return fail('wrong-password', 'password check differs');
    const plain = await open(secrets.key, iv, sealed, header);
    if (!plain) return fail('tampered', 'authentication tag does not verify');
    const checked = await verifiedPayload(plain, options, 'tampered');
    if (checked.ok && checked.value.exp !== exp) return fail('tampered', 'expiry differs from header');
    return checked;
  };
  return ok({ kind: 'protected', expiresAt, unlock });
}
