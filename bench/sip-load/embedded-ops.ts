/**
 * The load generator's operations against the embedded server, over server/sip/testing.ts
 * (a browser-like SIP-over-WebSocket UA with digest auth): one REGISTER dance, one call.
 */
import { randomBytes } from 'node:crypto';
import {
  SipClient,
  digestAuthorization,
  fakeSdp,
  hdr,
  hdrs,
  uriOf,
  type SipMessage,
} from '../../server/sip/testing';
import type { OpResult } from './open-loop';
import { DOMAIN } from './server-process';

/** Per-transaction timeout of the generator (a REGISTER dance or a call has two or three). */
export const TXN_TIMEOUT_MS = 3000;

/** A waiter that resolves null instead of rejecting on timeout. */
const settle = (p: Promise<SipMessage>): Promise<SipMessage | null> => p.catch(() => null);

const isTimeout = (e: unknown) => /no matching SIP message/.test((e as Error).message ?? '');

/** REGISTER with the 401 dance on one connection. */
export async function registerOp(c: SipClient): Promise<OpResult> {
  const t0 = performance.now();
  try {
    const res = await c.register({ expires: 600 });
    const latencyMs = performance.now() - t0;
    c.received.length = 0; // the client keeps every message; this connection's history is not needed
    return res.status === 200 ? { ok: true, latencyMs } : { ok: false, reason: `REGISTER ${res.status}` };
  } catch (e) {
    return { ok: false, reason: isTimeout(e) ? 'timeout' : `error: ${(e as Error).message}` };
  }
}

const OFFER = fakeSdp(1, 30);
const ANSWER = fakeSdp(2, 30);

/** One call from a to b, b answering at once; a hangs up as soon as the call is up. */
export async function callOp([a, b]: readonly [SipClient, SipClient]): Promise<OpResult> {
  const domain = a.opts.domain;
  const callId = `${randomBytes(8).toString('hex')}@${a.host}`;
  const from = `<${a.aor}>;tag=${randomBytes(4).toString('hex')}`;
  const ruri = `sip:${b.opts.user}@${domain}`;
  const sameCall = (method: string) => (m: SipMessage) =>
    !m.isResponse && m.method === method && hdr(m, 'call-id') === callId;

  // the callee side: auto-answer
  let ackP: Promise<SipMessage | null> = Promise.resolve(null);
  let byeP: Promise<SipMessage | null> = Promise.resolve(null);
  const invited = settle(b.waitFor(sameCall('INVITE'), TXN_TIMEOUT_MS * 2));
  const answered = invited.then((inv) => {
    if (!inv) return false;
    const toTag = randomBytes(4).toString('hex');
    b.reply(inv, 180, 'Ringing', { toTag, contact: true });
    ackP = settle(b.waitFor(sameCall('ACK'), TXN_TIMEOUT_MS));
    byeP = settle(b.waitFor(sameCall('BYE'), TXN_TIMEOUT_MS));
    b.reply(inv, 200, 'OK', { toTag, contact: true, body: ANSWER });
    return true;
  });

  const t0 = performance.now();
  let cseq = 1;
  const invite = (extra?: string[]) =>
    a.transaction(
      {
        method: 'INVITE',
        ruri,
        from,
        to: `<${ruri}>`,
        callId,
        cseq,
        body: OFFER,
        ...(extra ? { extra } : {}),
      },
      TXN_TIMEOUT_MS,
    );
  let final: SipMessage;
  try {
    let tx = await invite();
    final = tx.final;
    if (final.status === 407 || final.status === 401) {
      // "407 if needed": ACK the challenge (same branch), then INVITE again with credentials
      const challenge = hdr(final, final.status === 407 ? 'proxy-authenticate' : 'www-authenticate') ?? '';
      a.send(
        a.buildRequest({
          method: 'ACK',
          ruri,
          from,
          to: hdr(final, 'to') ?? `<${ruri}>`,
          callId,
          cseq,
          branch: tx.branch,
        }).raw,
      );
      const auth = digestAuthorization(challenge, {
        username: a.opts.username,
        password: a.opts.password,
        method: 'INVITE',
        uri: ruri,
      });
      cseq++;
      tx = await invite([`${final.status === 407 ? 'Proxy-Authorization' : 'Authorization'}: ${auth}`]);
      final = tx.final;
    }
  } catch (e) {
    return { ok: false, reason: isTimeout(e) ? 'INVITE timeout' : `error: ${(e as Error).message}` };
  }
  if (final.status !== 200) return { ok: false, reason: `INVITE ${final.status}` };
  const latencyMs = performance.now() - t0;
  await answered;

  // ACK and BYE back to back, through the proxy along the Record-Route path
  const to = hdr(final, 'to') ?? '';
  const target = uriOf(hdr(final, 'contact') ?? '');
  const route = hdrs(final, 'record-route').reverse();
  a.send(a.buildRequest({ method: 'ACK', ruri: target, from, to, callId, cseq, route }).raw);
  const byeTx = a
    .transaction({ method: 'BYE', ruri: target, from, to, callId, cseq: cseq + 1, route }, TXN_TIMEOUT_MS)
    .catch(() => null);
  const [ack, bye] = await Promise.all([ackP, byeP]);
  if (bye) b.reply(bye, 200, 'OK');
  const byeRes = await byeTx;
  a.received.length = 0;
  b.received.length = 0;
  if (!ack) return { ok: false, reason: 'ACK not relayed' };
  if (!bye) return { ok: false, reason: 'BYE not relayed' };
  if (!byeRes) return { ok: false, reason: 'BYE timeout' };
  if (byeRes.final.status !== 200) return { ok: false, reason: `BYE ${byeRes.final.status}` };
  return { ok: true, latencyMs };
}

/** Connects every load account and registers each once, so that it is a reachable, authenticated phone. */
export async function connectAll(url: string, users: string[], password: string): Promise<SipClient[]> {
  const clients: SipClient[] = [];
  const batch = 100;
  for (let i = 0; i < users.length; i += batch) {
    const part = await Promise.all(
      users
        .slice(i, i + batch)
        .map((user) => SipClient.ws(url, { user, domain: DOMAIN, username: user, password }, {}, 10_000)),
    );
    clients.push(...part);
    // every connection registers once, so that it is a reachable, authenticated phone
    const regs = await Promise.all(part.map((c) => registerOp(c)));
    const bad = regs.find((r) => !r.ok);
    if (bad && !bad.ok) throw new Error(`set-up REGISTER failed: ${bad.reason}`);
  }
  return clients;
}
