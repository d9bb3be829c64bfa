/**
 * Proves that credentials minted by ephemeral.ts are accepted by Kamailio running deploy/kamailio/kamailio.cfg
 * (auth_ephemeral), over UDP (sipp, a desk-phone-like peer) and over WebSocket (a raw browser-like client),
 * that bad ones are refused with the right code, and that calls route through the proxy the way a browser
 * call will: WS to WS (record-routing, contact aliases, handle_ruri_alias) and WS to a UDP desk phone on
 * the same host (double Record-Route). Also the production options WS_ORIGIN and WITH_TLS (WSS).
 *
 * Needs the Debian packages kamailio, kamailio-websocket-modules, kamailio-autheph-modules and sip-tester.
 * Missing locally: skipped with a loud warning. Missing under CI=true: the suite fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, kamailioAvailable, startKamailio, type KamailioHandle } from '../../e2e/support/kamailio';
import { runSipp, sippAvailable, sippSafeCredentials } from '../../e2e/support/sipp';
import { mintEphemeralCredentials } from './ephemeral';
import {
  SipClient,
  digestAuthorization,
  fakeSdp,
  hdr,
  hdrs,
  newToken,
  uriOf,
  type SipMessage,
} from './testing/sip-client';

const SECRET = 'openline-integration-secret';
const OLD_SECRET = 'openline-previous-secret';
const NEXT_SECRET = 'openline-next-secret';
const inCI = process.env.CI === 'true';

const kamailio = kamailioAvailable();
const sipp = sippAvailable();

function announceMissing(what: string, reason: string): void {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! ${what} integration tests SKIPPED: ${reason}\n!! (under CI=true this is a failure)\n${line}\n`,
  );
}

if (!kamailio.ok && !inCI) announceMissing('Kamailio', kamailio.reason);
if (kamailio.ok && !sipp.ok && !inCI) announceMissing('sipp', sipp.reason);

const mint = (user: string, opts: { secret?: string; ttlSeconds?: number; now?: number } = {}) =>
  mintEphemeralCredentials({
    secret: opts.secret ?? SECRET,
    user,
    ttlSeconds: opts.ttlSeconds ?? 300,
    now: opts.now,
  });

describe.runIf(!kamailio.ok && inCI)('Kamailio availability (CI)', () => {
  it('kamailio and its modules are installed', () => {
    throw new Error(
      `CI=true but Kamailio cannot run: ${kamailio.ok ? '' : kamailio.reason} ` +
        '(CI must install kamailio kamailio-websocket-modules kamailio-autheph-modules sip-tester, see .ci/run)',
    );
  });
});

describe.runIf(kamailio.ok)('Kamailio with ephemeral credentials (deploy/kamailio/kamailio.cfg)', () => {
  let kam: KamailioHandle;
  let failed = false;
  const clients: SipClient[] = [];

  const connect = async (user: string, creds = mint(user)) => {
    const c = await SipClient.ws(kam.wsUrl, {
      user,
      domain: kam.domain,
      username: creds.username,
      password: creds.password,
    });
    clients.push(c);
    return c;
  };

  const connectUdp = async (user: string, creds = mint(user)) => {
    const c = await SipClient.udp(kam.sipUdp, {
      user,
      domain: kam.domain,
      username: creds.username,
      password: creds.password,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    kam = await startKamailio({ secret: SECRET, previousSecret: OLD_SECRET, nextSecret: NEXT_SECRET });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    if (!kam) return;
    // OPENLINE_KEEP_KAMAILIO_LOG=1 keeps the log of a passing run too
    const keep = failed || process.env.OPENLINE_KEEP_KAMAILIO_LOG === '1';
    if (failed) console.warn(`Kamailio log kept at ${kam.logFile}:\n${kam.readLog().slice(-6000)}`);
    else if (keep) console.info(`Kamailio log kept at ${kam.logFile}`);
    await kam.stop({ keepRunDir: keep });
  });

  // keep Kamailio's log when anything fails
  const track =
    <T>(fn: () => Promise<T>) =>
    async () => {
      try {
        await fn();
      } catch (e) {
        failed = true;
        throw e;
      }
    };

  describe('sipp over UDP', () => {
    it.runIf(sipp.ok || inCI)(
      'REGISTERs with minted credentials: 401 challenge, then 200',
      track(async () => {
        if (!sipp.ok) throw new Error(`CI=true but ${sipp.reason}`);
        const creds = sippSafeCredentials((attempt) => mint('1001', { ttlSeconds: 300 + attempt }));
        const r = await runSipp({
          target: kam.sipUdp,
          user: '1001',
          domain: kam.domain,
          authUser: creds.username,
          authPassword: creds.password,
          timeoutSec: 5,
        });
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
        const r = await runSipp({
          target: kam.sipUdp,
          user: '1001',
          domain: kam.domain,
          authUser: creds.username,
          authPassword: creds.password,
          timeoutSec: 5,
        });
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

  describe('a call between two WebSocket clients through Kamailio', () => {
    it(
      'INVITE (407, auth) → 180 → 200 → ACK → BYE → 200, routed by Record-Route and contact aliases',
      track(async () => {
        const alice = await connect('2001');
        const bob = await connect('2002');
        expect((await alice.register()).status).toBe(200);
        expect((await bob.register()).status).toBe(200);

        const callId = `${newToken()}@${alice.host}`;
        const from = `<${alice.aor}>;tag=${newToken(4)}`;
        const to = `<${bob.aor}>`;
        // ~20 KB: larger than a typical WebRTC offer (5-10 KB) and than Kamailio's default 16 KB TCP read
        // buffer, which drops such a message silently; proves tcp_rd_buf_size in the config
        const offer = fakeSdp(1, 250);
        expect(offer.length).toBeGreaterThan(17_000);
        const invite = { method: 'INVITE', ruri: bob.aor, from, to, callId, body: offer };

        // 1. unauthenticated INVITE → 407, which the caller ACKs on the same branch
        const first = await alice.transaction({ ...invite, cseq: 1 });
        expect(first.final.status, first.final.raw).toBe(407);
        alice.send(
          alice.buildRequest({
            ...invite,
            method: 'ACK',
            to: hdr(first.final, 'to')!,
            cseq: 1,
            body: '',
            branch: first.branch,
          }).raw,
        );

        // 2. INVITE with Proxy-Authorization reaches Bob over his WebSocket
        const auth = digestAuthorization(hdr(first.final, 'proxy-authenticate')!, {
          username: alice.opts.username,
          password: alice.opts.password,
          method: 'INVITE',
          uri: bob.aor,
        });
        const bobGetsInvite = bob.waitFor((m) => !m.isResponse && m.method === 'INVITE');
        const { raw, branch } = alice.buildRequest({
          ...invite,
          cseq: 2,
          extra: [`Proxy-Authorization: ${auth}`],
        });
        const aliceGets = (status: number) =>
          alice.waitFor((m) => m.isResponse && m.status === status && hdr(m, 'via')!.includes(branch));
        const ringing = aliceGets(180);
        const answered = aliceGets(200);
        alice.send(raw);
        const inv: SipMessage = await bobGetsInvite;
        expect(inv.body).toBe(offer);
        expect(hdr(inv, 'proxy-authorization'), 'credentials are consumed, not forwarded').toBeUndefined();
        // Kamailio stays in the path and aliased Alice's made-up Contact with her real WebSocket source
        expect(hdrs(inv, 'record-route').length).toBeGreaterThan(0);
        expect(hdr(inv, 'contact')).toMatch(new RegExp(`${alice.host}.*;alias=127\\.0\\.0\\.1~\\d+~5`));

        // 3. Bob rings and answers
        const toTag = newToken(4);
        bob.reply(inv, 180, 'Ringing', { toTag, contact: true });
        bob.reply(inv, 200, 'OK', { toTag, contact: true, body: fakeSdp(2) });
        await ringing;
        const ok = await answered;
        // Bob's Contact is aliased too (onreply_route), so Alice's in-dialog requests can reach him
        expect(hdr(ok, 'contact')).toMatch(new RegExp(`${bob.host}.*;alias=127\\.0\\.0\\.1~\\d+~5`));

        // 4. ACK for the 2xx: remote target = Bob's Contact, route set = reversed Record-Route
        const bobGetsAck = bob.waitFor((m) => !m.isResponse && m.method === 'ACK');
        alice.send(
          alice.buildRequest({
            method: 'ACK',
            ruri: uriOf(hdr(ok, 'contact')!),
            from,
            to: hdr(ok, 'to')!,
            callId,
            cseq: 2,
            route: hdrs(ok, 'record-route').reverse(),
          }).raw,
        );
        const ack = await bobGetsAck;
        // handle_ruri_alias turned the alias into the destination and removed it from the R-URI
        expect(ack.ruri).not.toContain('alias=');

        // 5. Bob hangs up: BYE to Alice's Contact along the Record-Route, 200 back
        const aliceGetsBye = alice.waitFor((m) => !m.isResponse && m.method === 'BYE');
        const byeDone = bob.transaction({
          method: 'BYE',
          ruri: uriOf(hdr(inv, 'contact')!),
          from: `${hdr(inv, 'to')!};tag=${toTag}`,
          to: hdr(inv, 'from')!,
          callId,
          cseq: 1,
          route: hdrs(inv, 'record-route'),
        });
        const bye = await aliceGetsBye;
        alice.reply(bye, 200, 'OK');
        expect((await byeDone).final.status).toBe(200);
      }),
    );

    it(
      'browser (WS) calls a desk phone (UDP) on the same host: double Record-Route, BYE back to the browser',
      track(async () => {
        const browser = await connect('7001');
        const phone = await connectUdp('7002');
        expect((await browser.register()).status).toBe(200);
        expect((await phone.register()).status).toBe(200);

        const callId = `${newToken()}@${browser.host}`;
        const from = `<${browser.aor}>;tag=${newToken(4)}`;
        const base = {
          method: 'INVITE',
          ruri: phone.aor,
          from,
          to: `<${phone.aor}>`,
          callId,
          body: fakeSdp(),
        };
        const first = await browser.transaction({ ...base, cseq: 1 });
        expect(first.final.status).toBe(407);
        browser.send(
          browser.buildRequest({
            ...base,
            method: 'ACK',
            to: hdr(first.final, 'to')!,
            cseq: 1,
            body: '',
            branch: first.branch,
          }).raw,
        );
        const auth = digestAuthorization(hdr(first.final, 'proxy-authenticate')!, {
          username: browser.opts.username,
          password: browser.opts.password,
          method: 'INVITE',
          uri: phone.aor,
        });
        const phoneGetsInvite = phone.waitFor((m) => !m.isResponse && m.method === 'INVITE');
        const { raw, branch } = browser.buildRequest({
          ...base,
          cseq: 2,
          extra: [`Proxy-Authorization: ${auth}`],
        });
        const answered = browser.waitFor(
          (m) => m.isResponse && m.status === 200 && hdr(m, 'via')!.includes(branch),
        );
        browser.send(raw);
        const inv = await phoneGetsInvite;
        // the phone is reached at its registered UDP contact, i.e. another port on 127.0.0.1: not "myself"
        expect(inv.ruri).toBe(`sip:7002@${phone.host}`);
        // transport changes WS -> UDP: Kamailio record-routes twice (one entry per side)
        const rr = hdrs(inv, 'record-route');
        expect(rr).toHaveLength(2);
        expect(rr.join(' ')).toMatch(/transport=ws/);

        const toTag = newToken(4);
        phone.reply(inv, 200, 'OK', { toTag, contact: true, body: fakeSdp(3) });
        const ok = await answered;
        // a desk phone with a correct Contact is not aliased
        expect(hdr(ok, 'contact')).not.toContain('alias=');

        const phoneGetsAck = phone.waitFor((m) => !m.isResponse && m.method === 'ACK');
        browser.send(
          browser.buildRequest({
            method: 'ACK',
            ruri: uriOf(hdr(ok, 'contact')!),
            from,
            to: hdr(ok, 'to')!,
            callId,
            cseq: 2,
            route: hdrs(ok, 'record-route').reverse(),
          }).raw,
        );
        await phoneGetsAck;

        const browserGetsBye = browser.waitFor((m) => !m.isResponse && m.method === 'BYE');
        const byeDone = phone.transaction({
          method: 'BYE',
          ruri: uriOf(hdr(inv, 'contact')!),
          from: `${hdr(inv, 'to')!};tag=${toTag}`,
          to: hdr(inv, 'from')!,
          callId,
          cseq: 1,
          route: rr,
        });
        const bye = await browserGetsBye;
        browser.reply(bye, 200, 'OK');
        expect((await byeDone).final.status).toBe(200);
      }),
    );

    it(
      'a closed tab is forgotten at once: calling it gets 480, not a ring into a dead WebSocket',
      track(async () => {
        const alice = await connect('3001');
        const gone = await connect('3002');
        expect((await alice.register()).status).toBe(200);
        expect((await gone.register({ expires: 600 })).status).toBe(200);
        await gone.close();
        await new Promise((r) => setTimeout(r, 300));

        const status = await inviteWithAuth(alice, 'sip:3002@' + kam.domain);
        expect(status).toBe(480);
      }),
    );

    it(
      'calling a user who never registered gets 480 Temporarily Unavailable',
      track(async () => {
        const alice = await connect('4001');
        expect((await alice.register()).status).toBe(200);
        expect(await inviteWithAuth(alice, 'sip:4999@' + kam.domain)).toBe(480);
      }),
    );

    it(
      'refuses with 403 an INVITE whose From is not the credentials user (caller-ID spoofing)',
      track(async () => {
        const mallory = await connect('5001');
        expect((await mallory.register()).status).toBe(200);
        const status = await inviteWithAuth(mallory, 'sip:5002@' + kam.domain, '5003');
        expect(status).toBe(403);
      }),
    );
  });

  /** INVITE, answer the 407, return the final status of the authenticated INVITE (and ACK it). */
  async function inviteWithAuth(c: SipClient, ruri: string, fromUser = c.opts.user): Promise<number> {
    const callId = `${newToken()}@${c.host}`;
    const from = `<sip:${fromUser}@${kam.domain}>;tag=${newToken(4)}`;
    const base = { method: 'INVITE', ruri, from, to: `<${ruri}>`, callId, body: fakeSdp() };
    const first = await c.transaction({ ...base, cseq: 1 });
    if (first.final.status !== 407) return first.final.status;
    c.send(
      c.buildRequest({
        ...base,
        method: 'ACK',
        to: hdr(first.final, 'to')!,
        cseq: 1,
        body: '',
        branch: first.branch,
      }).raw,
    );
    const auth = digestAuthorization(hdr(first.final, 'proxy-authenticate')!, {
      username: c.opts.username,
      password: c.opts.password,
      method: 'INVITE',
      uri: ruri,
    });
    const second = await c.transaction({ ...base, cseq: 2, extra: [`Proxy-Authorization: ${auth}`] }, 5000);
    if (second.final.status >= 300) {
      c.send(
        c.buildRequest({
          ...base,
          method: 'ACK',
          to: hdr(second.final, 'to')!,
          cseq: 2,
          body: '',
          branch: second.branch,
        }).raw,
      );
    }
    return second.final.status;
  }
});

/**
 * The production options: WebSocket handshakes only from our web origin and for our host name, and WSS
 * (-A WITH_TLS) with a certificate. WSS runs only when kamailio-tls-modules and openssl are installed (an
 * optional package: CI does not need it); otherwise the same checks run over plain WS.
 */
describe.runIf(kamailio.ok)('Kamailio production options (WS_ORIGIN, WITH_TLS)', () => {
  const ORIGIN = 'https://phone.openline.test';
  let kam: KamailioHandle;
  let url: string;
  let certDir: string;
  let tls = false;

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'openline-kam-tls-'));
    const defines = [`WS_ORIGIN="${ORIGIN}"`];
    const cert = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        join(certDir, 'key.pem'),
        '-out',
        join(certDir, 'cert.pem'),
      ]),
      { encoding: 'utf8' },
    );
    if (cert.status === 0) {
      writeFileSync(
        join(certDir, 'tls.cfg'),
        `[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n` +
          `private_key = ${join(certDir, 'key.pem')}\ncertificate = ${join(certDir, 'cert.pem')}\n`,
      );
      const wssPort = await freePort();
      const tlsDefines = ['WITH_TLS', `WSS_PORT=${wssPort}`, `TLS_CONFIG="${join(certDir, 'tls.cfg')}"`];
      if (kamailioAvailable({ defines: tlsDefines }).ok) {
        defines.push(...tlsDefines);
        tls = true;
        url = `wss://127.0.0.1:${wssPort}`;
      }
    }
    if (!tls)
      console.warn('[kamailio] WSS not tested: install kamailio-tls-modules (and openssl) to test it');
    kam = await startKamailio({ secret: SECRET, defines });
    if (!tls) url = kam.wsUrl;
  });

  afterAll(async () => {
    await kam?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  const client = (wsOptions: { origin?: string; headers?: Record<string, string> }) => {
    const creds = mint('6001');
    return SipClient.ws(
      url,
      { user: '6001', domain: kam.domain, username: creds.username, password: creds.password },
      { ...wsOptions, rejectUnauthorized: false },
    );
  };

  it('accepts a handshake from the configured origin and REGISTERs (over WSS when available)', async () => {
    const c = await client({ origin: ORIGIN });
    try {
      expect((await c.register()).status).toBe(200);
      expect(url.startsWith('wss:')).toBe(tls);
    } finally {
      await c.close();
    }
  });

  it('refuses a handshake from another web origin with 403', async () => {
    await expect(client({ origin: 'https://evil.example' })).rejects.toThrow(
      /Unexpected server response: 403/,
    );
  });

  it('refuses a handshake for a Host that is not ours with 403', async () => {
    await expect(client({ origin: ORIGIN, headers: { Host: 'evil.example' } })).rejects.toThrow(
      /Unexpected server response: 403/,
    );
  });
});
