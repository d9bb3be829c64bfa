/** Sample payloads for tests (unit and e2e). */
import type { JoinPayload, SendbirdJoin, SipJoin } from './payload';

export const FAST_LIMITS = { min: 1000, max: 5_000_000 };

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

export type { JoinPayload };
