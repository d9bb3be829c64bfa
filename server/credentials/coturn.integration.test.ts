/**
 * Proves that TURN credentials minted by ephemeral.ts are accepted by coturn running
 * deploy/coturn/turnserver.conf (use-auth-secret): a TURN Allocate with them gets a relayed address, and
 * expired or wrongly signed ones get 401. (Media through the relay is proven by the browser e2e specs.)
 *
 * Needs the Debian package coturn. Missing locally: skipped with a loud warning; under CI=true: fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coturnAvailable,
  startCoturn,
  stunBinding,
  turnAllocate,
  type CoturnHandle,
} from '../../e2e/support/coturn';
import { turnPermissionV6 } from '../../e2e/support/turn-permission';
import { mintEphemeralCredentials } from './ephemeral';

const SECRET = 'openline-turn-integration-secret';
const inCI = process.env.CI === 'true';
const coturn = coturnAvailable();

if (!coturn.ok && !inCI) {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! coturn integration tests SKIPPED: ${coturn.reason}\n!! (under CI=true this is a failure)\n${line}\n`,
  );
}

describe.runIf(!coturn.ok && inCI)('coturn availability (CI)', () => {
  it('coturn is installed', () => {
    throw new Error(`CI=true but coturn cannot run: ${coturn.ok ? '' : coturn.reason}`);
  });
});

describe.runIf(coturn.ok)('coturn with ephemeral credentials (deploy/coturn/turnserver.conf)', () => {
  let turn: CoturnHandle;
  let failed = false;

  beforeAll(async () => {
    // Also on IPv6 loopback, so that IPv6 peer permissions can be tried (turn-permission.ts).
    turn = await startCoturn({ secret: SECRET, extraArgs: ['--listening-ip=::1', '--relay-ip=::1'] });
  });

  afterAll(async () => {
    if (!turn) return;
    if (failed) console.warn(`coturn log kept at ${turn.logFile}:\n${turn.readLog().slice(-4000)}`);
    await turn.stop({ keepRunDir: failed });
  });

  const track = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      throw e;
    }
  };

  it(
    'answers STUN Binding (what ICE gathering asks first)',
    track(async () => {
      expect(await stunBinding(turn.listenIp, turn.port)).toMatch(/^127\.0\.0\.1:\d+$/);
    }),
  );

  it(
    'allocates a relay with minted credentials',
    track(async () => {
      const c = mintEphemeralCredentials({ secret: SECRET, user: '1001', ttlSeconds: 600 });
      const r = await turnAllocate(turn.listenIp, turn.port, c.username, c.password);
      expect(r).toMatchObject({ ok: true, relayedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    }),
  );

  it(
    'refuses expired credentials (401)',
    track(async () => {
      const c = mintEphemeralCredentials({
        secret: SECRET,
        user: '1001',
        ttlSeconds: 60,
        now: Date.now() - 3600_000,
      });
      expect(await turnAllocate(turn.listenIp, turn.port, c.username, c.password)).toMatchObject({
        ok: false,
        code: 401,
      });
    }),
  );

  it(
    'refuses credentials minted with another secret (401)',
    track(async () => {
      const c = mintEphemeralCredentials({ secret: 'wrong', user: '1001', ttlSeconds: 600 });
      expect(await turnAllocate(turn.listenIp, turn.port, c.username, c.password)).toMatchObject({
        ok: false,
        code: 401,
      });
    }),
  );

  it(
    'refuses relaying to private and IPv4-embedding IPv6 peers (403), allows a public one',
    track(async () => {
      const c = mintEphemeralCredentials({ secret: SECRET, user: '1001', ttlSeconds: 600 });
      const permission = async (peer: string) =>
        (await turnPermissionV6('::1', turn.port, c.username, c.password, peer)).permission;
      for (const peer of ['fd00::1', 'fe80::1', '64:ff9b::a00:1', '2002:a00:1::1'])
        expect([peer, await permission(peer)]).toEqual([peer, 403]);
      expect(await permission('2001:4860:4860::8888')).toBe(200);
    }),
  );
});

describe.runIf(coturn.ok)('coturn without a secret (deploy/coturn/turnserver.conf as shipped)', () => {
  let turn: CoturnHandle;
  beforeAll(async () => {
    turn = await startCoturn({ secret: '' });
  });
  afterAll(async () => {
    await turn?.stop();
  });

  it('accepts no credentials, not even ones minted with the old placeholder secret (401)', async () => {
    for (const secret of ['change-me-openline-turn-secret', 'any-other-secret']) {
      const c = mintEphemeralCredentials({ secret, user: '1001', ttlSeconds: 600 });
      expect(await turnAllocate(turn.listenIp, turn.port, c.username, c.password)).toMatchObject({
        ok: false,
        code: 401,
      });
    }
  });
});
