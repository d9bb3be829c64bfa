import { describe, expect, it } from 'vitest';
import {
  hmacHex,
  openlineSignature,
  replayProblem,
  verifyHubSignature,
  verifyOpenlineSignature,
  verifyViberSignature,
} from './signature';

const secret = 'a-secret-of-sixteen+';
const raw = Buffer.from('{"hello":"world"}');

describe('channel signatures', () => {
  it('accepts a good X-Hub-Signature-256 and refuses a bad, truncated or missing one', () => {
    const good = `sha256=${hmacHex(secret, raw)}`;
    expect(verifyHubSignature(secret, raw, good)).toBe(true);
    expect(verifyHubSignature(secret, raw, good.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(verifyHubSignature('another-secret-123', raw, good)).toBe(false);
    expect(verifyHubSignature(secret, Buffer.from('{"hello": "world"}'), good)).toBe(false); // one space more
    expect(verifyHubSignature(secret, raw, good.slice(0, -2))).toBe(false);
    expect(verifyHubSignature(secret, raw, hmacHex(secret, raw))).toBe(false); // no sha256= prefix
    expect(verifyHubSignature(secret, raw, undefined)).toBe(false);
  });

  it('checks Viber’s bare-hex signature', () => {
    expect(verifyViberSignature(secret, raw, hmacHex(secret, raw))).toBe(true);
    expect(verifyViberSignature(secret, raw, `sha256=${hmacHex(secret, raw)}`)).toBe(false);
    expect(verifyViberSignature(secret, raw, 'zz'.repeat(32))).toBe(false);
  });

  it('signs the timestamp with the body (X-Openline-Signature), so it cannot be moved', () => {
    const header = openlineSignature(secret, raw, 1_800_000_000);
    expect(verifyOpenlineSignature(secret, raw, header)).toBe(1_800_000_000_000);
    const moved = header.replace('t=1800000000', 't=1800000100');
    expect(verifyOpenlineSignature(secret, raw, moved)).toBeNull();
    expect(verifyOpenlineSignature(secret, raw, 'v1=abc')).toBeNull();
    expect(verifyOpenlineSignature(secret, raw, undefined)).toBeNull();
  });

  it('has a 5-minute replay window both ways', () => {
    const now = 1_800_000_000_000;
    expect(replayProblem(now - 4 * 60_000, now)).toBeNull();
    expect(replayProblem(now - 6 * 60_000, now)).toMatch(/older than/);
    expect(replayProblem(now + 6 * 60_000, now)).toMatch(/future/);
    expect(replayProblem(Number.NaN, now)).toMatch(/no valid timestamp/);
  });
});
