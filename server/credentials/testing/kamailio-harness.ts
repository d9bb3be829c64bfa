/**
 * Shared set-up of the Kamailio integration tests (kamailio-*.integration.test.ts): availability (a
 * loud skip locally, a failure under CI=true), credential minting, one Kamailio per describe block
 * with its log kept when a test fails, and raw SIP clients over WebSocket and UDP.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  kamailioAvailable,
  startKamailio,
  type KamailioHandle,
  type KamailioOptions,
} from '../../../e2e/support/kamailio';
import { sippAvailable } from '../../../e2e/support/sipp';
import { mintEphemeralCredentials } from '../ephemeral';
import { SipClient, fakeSdp, hdr, rand as newToken } from '../../sip/testing';

export const SECRET = 'openline-integration-secret';
export const OLD_SECRET = 'openline-previous-secret';
export const NEXT_SECRET = 'openline-next-secret';
export const inCI = process.env.CI === 'true';

export const kamailio = kamailioAvailable();
export const sipp = sippAvailable();

function announceMissing(what: string, reason: string): void {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! ${what} integration tests SKIPPED: ${reason}\n!! (under CI=true this is a failure)\n${line}\n`,
  );
}

/** Call once per test file: warns (or fails under CI) when Kamailio or sipp is missing. */
export function reportAvailability(opts: { needsSipp?: boolean } = {}): void {
  if (!kamailio.ok && !inCI) announceMissing('Kamailio', kamailio.reason);
  if (opts.needsSipp && kamailio.ok && !sipp.ok && !inCI) announceMissing('sipp', sipp.reason);
  describe.runIf(!kamailio.ok && inCI)('Kamailio availability (CI)', () => {
    it('kamailio and its modules are installed', () => {
      throw new Error(
        `CI=true but Kamailio cannot run: ${kamailio.ok ? '' : kamailio.reason} ` +
          '(CI must install kamailio kamailio-websocket-modules kamailio-autheph-modules sip-tester, see .ci/run)',
      );
    });
  });
}

export const mint = (user: string, opts: { secret?: string; ttlSeconds?: number; now?: number } = {}) =>
  mintEphemeralCredentials({
    secret: opts.secret ?? SECRET,
    user,
    ttlSeconds: opts.ttlSeconds ?? 300,
    now: opts.now,
  });

export interface KamailioFixture {
  /** The running Kamailio (set in beforeAll). */
  readonly kam: KamailioHandle;
  connect(user: string, creds?: { username: string; password: string }): Promise<SipClient>;
  connectUdp(user: string, creds?: { username: string; password: string }): Promise<SipClient>;
  /** Wraps a test body so that a failure keeps Kamailio's log (printed at the end). */
  track<T>(fn: () => Promise<T>): () => Promise<void>;
}

/** Starts one Kamailio for the enclosing describe block and stops it (by PID) after it. */
export function useKamailio(options: Partial<KamailioOptions> = {}): KamailioFixture {
  let kam: KamailioHandle | undefined;
  let failed = false;
  const clients: SipClient[] = [];
  const opened = async (c: Promise<SipClient>) => {
    const client = await c;
    clients.push(client);
    return client;
  };
  const account = (
    user: string,
    creds: { username: string; password: string } = mint(user, { secret: options.secret }),
  ) => ({
    user,
    domain: kam!.domain,
    username: creds.username,
    password: creds.password,
  });

  beforeAll(async () => {
    kam = await startKamailio({ secret: SECRET, ...options });
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

  return {
    get kam() {
      if (!kam) throw new Error('Kamailio is not running (used outside a test?)');
      return kam;
    },
    connect: (user, creds) => opened(SipClient.ws(kam!.wsUrl, account(user, creds))),
    connectUdp: (user, creds) => opened(SipClient.udp(kam!.sipUdp, account(user, creds))),
    track:
      <T>(fn: () => Promise<T>) =>
      async () => {
        try {
          await fn();
        } catch (e) {
          failed = true;
          throw e;
        }
      },
  };
}

/** INVITE, answer the 407, return the final status of the authenticated INVITE (and ACK it). */
export async function inviteWithAuth(
  c: SipClient,
  ruri: string,
  fromUser = c.opts.user,
  method = 'INVITE',
): Promise<number> {
  const domain = c.opts.domain;
  const callId = `${newToken()}@${c.host}`;
  const from = `<sip:${fromUser}@${domain}>;tag=${newToken(4)}`;
  const body = method === 'INVITE' ? fakeSdp() : 'hello';
  const contentType = method === 'INVITE' ? undefined : 'text/plain';
  const base = { method, ruri, from, to: `<${ruri}>`, callId, body, contentType };
  const { challenge, raw, branch } = await c.challengedRequest(base);
  if (challenge.status !== 407) return challenge.status;
  const final = c.waitFor(
    (m) => m.isResponse && m.status >= 200 && (hdr(m, 'via') ?? '').includes(`branch=${branch}`),
    5000,
  );
  c.send(raw);
  const second = await final;
  if (method === 'INVITE' && second.status >= 300) c.ackFailure(base, second, branch, 2);
  return second.status;
}
