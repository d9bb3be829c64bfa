/** Sample payloads and a throwaway signing key for tests (unit and e2e). */
import { toBase64Url } from './base64url';
import type { SignedPayload } from './link';
import type { JoinPayload, SendbirdJoin, SipJoin } from './payload';
import { signedMessage } from './signature';
import type { LinkTrust } from './trust';

export const FAST_LIMITS = { min: 1000, max: 5_000_000 };
/** The page address unit tests pretend to be on. */
export const PAGE_HREF = 'https://calls.example.com/join';

export function sipPayload(overrides: Partial<SipJoin> = {}): SipJoin {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    provider: 'sip',
    exp,
    roomId: '0123456789abcdef',
    agentName: 'Ada Agent',
    customerName: 'Chris Customer',
    sip: {
      wsUrl: 'wss://calls.example.com/sip',
      domain: 'openline.local',
      username: `${exp}:webcall.0123456789abcdef.1001`,
      password: 'c2VjcmV0LXBhc3N3b3Jk',
      target: 'sip:1001@openline.local',
    },
    ...overrides,
  };
}

export function sendbirdPayload(overrides: Partial<SendbirdJoin> = {}): SendbirdJoin {
  return {
    provider: 'sendbird',
    exp: Math.floor(Date.now() / 1000) + 3600,
    roomId: 'room-123',
    sendbird: { appId: 'APP-1', userId: 'service_user_T42', accessToken: 'tok-abc' },
    ...overrides,
  };
}

export interface TestSigner {
  /** Raw Ed25519 public key. */
  publicKey: Uint8Array;
  /** Signs the JSON of any value (also invalid payloads), as the server signs a payload. */
  sign(payload: JoinPayload | Record<string, unknown>): Promise<SignedPayload>;
  /** What a server publishing this key, `wss://calls.example.com/sip` and Sendbird `APP-1` trusts. */
  trust(overrides?: Partial<LinkTrust>): LinkTrust;
}

/** A fresh Ed25519 key pair in WebCrypto, standing in for the server's key. */
export async function testSigner(): Promise<TestSigner> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey,
    async sign(payload) {
      const bytes = new TextEncoder().encode(JSON.stringify(payload));
      const signature = new Uint8Array(
        await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, signedMessage(bytes)),
      );
      return { payload: toBase64Url(bytes), signature: toBase64Url(signature) };
    },
    trust: (overrides = {}) => ({
      signingKey: publicKey,
      wsUrl: 'wss://calls.example.com/sip',
      iceUrls: new Set(['turn:turn.example.com:3478']),
      sendbirdAppId: 'APP-1',
      ...overrides,
    }),
  };
}

export type { JoinPayload };
