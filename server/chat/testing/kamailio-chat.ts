/**
 * Raw SIP-over-WebSocket chat steps against a real Kamailio (server/chat/kamailio-*.integration.test.ts):
 * an authenticated MESSAGE, the next MESSAGE a phone takes, and a user Kamailio knows who is offline.
 */
import { expect } from 'vitest';
import { SipClient, hdr, rand as newToken, type SipMessage } from '../../sip/testing';

export const TEXT = 'text/plain;charset=utf-8';

/** An authenticated out-of-dialog MESSAGE (407, then with credentials); resolves with the final response. */
export async function sendMessage(
  from: SipClient,
  toUser: string,
  body: string,
  opts: { contentType?: string; extra?: string[] } = {},
): Promise<SipMessage> {
  const ruri = `sip:${toUser}@${from.opts.domain}`;
  const spec = {
    method: 'MESSAGE',
    ruri,
    from: `<${from.aor}>;tag=${newToken(4)}`,
    to: `<${ruri}>`,
    callId: `${newToken()}@${from.host}`,
    body,
    contentType: opts.contentType ?? TEXT,
    extra: opts.extra ?? [],
  };
  const { challenge, raw, branch } = await from.challengedRequest(spec);
  if (challenge.status !== 407) return challenge;
  const final = from.waitFor(
    (m) => m.isResponse && m.status >= 200 && (hdr(m, 'via') ?? '').includes(`branch=${branch}`),
    5000,
  );
  from.send(raw);
  return final;
}

export const isMessage = (m: SipMessage) => !m.isResponse && m.method === 'MESSAGE';

/** The next MESSAGE `phone` receives, answered 200 (as the app does once it stored it). */
export async function answered(phone: SipClient): Promise<SipMessage> {
  const m = await phone.waitFor(isMessage, 5000);
  phone.reply(m, 200, 'OK');
  return m;
}

/**
 * Registers `user` once (so Kamailio knows them), signs them out (WebSocket closed) and waits until
 * Kamailio has dropped the contact: a typing indication, which is never stored, then gets 480.
 */
export async function knownButOffline(
  connect: (user: string) => Promise<SipClient>,
  sender: SipClient,
  user: string,
): Promise<void> {
  const phone = await connect(user);
  expect((await phone.register()).status).toBe(200);
  await phone.close();
  for (let attempt = 0; ; attempt++) {
    const probe = await sendMessage(sender, user, '<isComposing/>', {
      contentType: 'application/im-iscomposing+xml',
    });
    if (probe.status === 480) return;
    if (attempt === 50) throw new Error(`${user} still reachable after closing: ${probe.status}`);
  }
}
