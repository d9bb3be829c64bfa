/**
 * Credentials minted by ephemeral.ts are accepted by Kamailio running deploy/kamailio/kamailio.cfg
 * (auth_ephemeral) over UDP (sipp, a desk-phone-like peer) and over WebSocket (a raw browser-like
 * client); bad ones are refused with the right code.
 *
 * Needs the Debian packages kamailio, kamailio-websocket-modules, kamailio-autheph-modules and sip-tester.
 * Missing locally: skipped with a loud warning. Missing under CI=true: the suite fails.
 */
import { describe, expect, it } from 'vitest';
import { runSipp, sippSafeCredentials } from '../../e2e/support/sipp';
import {
  NEXT_SECRET,
  OLD_SECRET,
  inCI,
  kamailio,
  mint,
  reportAvailability,
  sipp,
  useKamailio,
} from './testing/kamailio-harness';
import { hdr } from '../sip/testing';

reportAvailability({ needsSipp: true });

describe.runIf(kamailio.ok)('Kamailio with ephemeral credentials (deploy/kamailio/kamailio.cfg)', () => {
  const k = useKamailio({ previousSecret: OLD_SECRET, nextSecret: NEXT_SECRET });
  const { connect, track } = k;

  describe('sipp over UDP', () => {
    /** One REGISTER of user 1001 by sipp over UDP with these digest credentials. */
    const sippRegister1001 = (creds: { username: string; password: string }) =>
      runSipp({
        target: k.kam.sipUdp,
        user: '1001',
        domain: k.kam.domain,
        authUser: creds.username,
        authPassword: creds.password,
        timeoutSec: 5,
      });

    it.runIf(sipp.ok || inCI)(
      'REGISTERs with minted credentials: 401 challenge, then 200',
      track(async () => {
        if (!sipp.ok) throw new Error(`CI=true but ${sipp.reason}`);
        const creds = sippSafeCredentials((attempt) => mint('1001', { ttlSeconds: 300 + attempt }));
        const r = await sippRegister1001(creds);
        expect(r.errors, r.stdout).toBe('');
        expect(r.stats).toMatchObject({ successful: 1, failed: 0 });
        expect(r.exitCode).toBe(0);
      }),
    );

    it.runIf(sipp.ok || inCI)(
      'fails with a wrong password (401 again, scenario aborts)',
      track(async () => {
        if (!sipp.ok) throw new Error(`CI=true but ${sipp.reason}`);
        const creds = sippSafeCredentials((attempt) =>
          mint('1001', { secret: 'not-the-secret', ttlSeconds: 300 + attempt }),
        );
        const r = await sippRegister1001(creds);
        expect(r.exitCode).toBe(1);
        expect(r.stats).toMatchObject({ successful: 0, failed: 1 });
        expect(r.errors).toMatch(/received 'SIP\/2\.0 401/);
      }),
    );
  });

  describe('raw WebSocket client (subprotocol "sip", as sip.js)', () => {
    it(
      'REGISTERs with minted credentials: 200 with the contact bound',
      track(async () => {
        const alice = await connect('1001');
        const res = await alice.register();
        expect(res.status, res.raw).toBe(200);
        // the registrar returns the binding with its lifetime (sip.js drops a 200 without it) and the
        // real WebSocket source it will use to reach the browser (fix_nated_register)
        const binding = hdr(res, 'contact') ?? '';
        expect(binding).toContain(`<sip:1001@${alice.host};transport=ws>`);
        expect(binding).toMatch(/;expires=\d+/);
        expect(binding).toMatch(/received="sip:127\.0\.0\.1:\d+;transport=ws"/);
      }),
    );

    it(
      'refuses expired credentials with 401',
      track(async () => {
        const expired = mint('1001', { ttlSeconds: 60, now: Date.now() - 3600_000 });
        const c = await connect('1001', expired);
        const res = await c.register();
        expect(res.status, res.raw).toBe(401);
      }),
    );

    it(
      'refuses credentials minted with a wrong secret with 401',
      track(async () => {
        const c = await connect('1001', mint('1001', { secret: 'wrong-secret' }));
        const res = await c.register();
        expect(res.status, res.raw).toBe(401);
      }),
    );

    it(
      'accepts credentials minted with the previous or the next secret (rotation window)',
      track(async () => {
        const old = await connect('1004', mint('1004', { secret: OLD_SECRET }));
        expect((await old.register()).status).toBe(200);
        const next = await connect('1005', mint('1005', { secret: NEXT_SECRET }));
        expect((await next.register()).status).toBe(200);
      }),
    );

    it(
      'refuses with 403 when the credentials user is not the To user (registering someone else)',
      track(async () => {
        // valid credentials for 1001, From 1001, but To (the AOR being bound) is 1002
        const c = await connect('1001');
        const res = await c.register({ toUser: '1002' });
        expect(res.status, res.raw).toBe(403);
      }),
    );

    it(
      'refuses with 403 when the credentials user is not the From user',
      track(async () => {
        // valid credentials of 1002 used by a client that claims to be 1001
        const c = await connect('1001', mint('1002'));
        const res = await c.register();
        expect(res.status, res.raw).toBe(403);
      }),
    );
  });
});
