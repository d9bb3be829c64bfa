/**
 * Call transfer through the embedded proxy, over the wire (raw SIP on real WebSockets):
 * REFER and its NOTIFYs travel in-dialog (RFC 3515), the transferee's new INVITE is its own
 * (authenticated as the transferee, Referred-By kept), and an INVITE with Replaces (RFC 3891)
 * reaches the user it names. A stranger holding the dialog's route cannot inject a REFER.
 */
import { describe, expect, it } from 'vitest';
import { isResponse, type DialogSide, type TestPhone } from './testing';
import { invite, useSipTestServer } from './testing/server';

const sip = useSipTestServer();
const DOMAIN = 'openline.local';

/** `caller` calls `callee` and both ends confirm; returns each side's dialog view. */
async function establish(caller: TestPhone, callee: TestPhone, calleeTag: string) {
  const inv = invite(caller, `sip:${callee.user}@${DOMAIN}`);
  const incoming = await callee.request('INVITE');
  callee.reply(incoming, 200, { toTag: calleeTag, body: 'v=0\r\n' });
  const ok = await caller.final('INVITE');
  expect(ok.statusCode).toBe(200);
  const routes = ok.getHeaders('record-route');
  const callerSide: DialogSide = {
    target: callee.contact,
    routes,
    callId: inv.callId,
    localTag: inv.fromTag,
    remoteTag: calleeTag,
    remoteUri: `sip:${callee.user}@${DOMAIN}`,
  };
  const calleeSide: DialogSide = {
    target: caller.contact,
    routes,
    callId: inv.callId,
    localTag: calleeTag,
    remoteTag: inv.fromTag,
    remoteUri: caller.aor,
  };
  caller.inDialog('ACK', callerSide, { cseq: inv.cseq });
  await callee.request('ACK');
  return { inv, callerSide, calleeSide };
}

describe('proxy: transfer', () => {
  it('blind: REFER and NOTIFY (sipfrag) travel in-dialog; the transferee INVITEs the target as itself with Referred-By', async () => {
    const customer = await sip.phone('1001');
    const agent = await sip.phone('1002');
    const colleague = await sip.phone('1003');
    const { callerSide, calleeSide } = await establish(customer, agent, 'agenttag');

    // The agent (callee) refers the customer to 1003.
    agent.inDialog('REFER', calleeSide, {
      extra: [
        ['Refer-To', `<sip:1003@${DOMAIN}>`],
        ['Referred-By', `<sip:1002@${DOMAIN}>`],
      ],
    });
    const refer = await customer.request('REFER');
    expect(refer.getHeader('refer-to')).toBe(`<sip:1003@${DOMAIN}>`);
    expect(refer.getHeader('referred-by')).toBe(`<sip:1002@${DOMAIN}>`);
    customer.reply(refer, 202);
    expect((await agent.final('REFER')).statusCode).toBe(202);

    // The customer places the referred call: its own identity, the Referred-By passed on.
    const referred = invite(customer, `sip:1003@${DOMAIN}`, [['Referred-By', `<sip:1002@${DOMAIN}>`]]);
    const atColleague = await colleague.request('INVITE');
    expect(atColleague.callId).toBe(referred.callId);
    expect(atColleague.from.uri.user).toBe('1001');
    expect(atColleague.getHeader('referred-by')).toBe(`<sip:1002@${DOMAIN}>`);
    colleague.reply(atColleague, 200, { toTag: 'coltag', body: 'v=0\r\n' });
    expect((await customer.final('INVITE')).statusCode).toBe(200);

    // Progress goes back to the agent in the original dialog as message/sipfrag.
    customer.inDialog('NOTIFY', callerSide, {
      extra: [
        ['Event', 'refer'],
        ['Subscription-State', 'terminated;reason=noresource'],
      ],
      body: 'SIP/2.0 200 OK',
    });
    const notify = await agent.request('NOTIFY');
    expect(notify.getHeader('event')).toBe('refer');
    expect(notify.body).toBe('SIP/2.0 200 OK');
    agent.reply(notify, 200);
    expect((await customer.final('NOTIFY')).statusCode).toBe(200);
  });

  it('the transferee cannot place the referred call in the transferor’s name', async () => {
    const customer = await sip.phone('1001');
    await sip.phone('1003');
    const forged = customer.outOfDialog('INVITE', `sip:1003@${DOMAIN}`, { body: 'v=0\r\n' });
    customer.send(forged.text.replace(/"1001" <sip:1001@/, '"1002" <sip:1002@'));
    const answer = await customer.final('INVITE');
    expect(answer.statusCode).toBe(407);
  });

  it('attended: an INVITE with Replaces reaches the user it is addressed to, with the header intact', async () => {
    const customer = await sip.phone('1001');
    const agent = await sip.phone('1002');
    const colleague = await sip.phone('1003');
    const { inv } = await establish(customer, agent, 'agenttag');

    // After the agent's REFER (with Replaces) to the colleague, the colleague INVITEs the customer.
    const replaces = `${inv.callId};to-tag=${inv.fromTag};from-tag=agenttag`;
    const takeover = invite(colleague, `sip:1001@${DOMAIN}`, [
      ['Replaces', replaces],
      ['Referred-By', `<sip:1002@${DOMAIN}>`],
    ]);
    const atCustomer = await customer.request('INVITE');
    expect(atCustomer.callId).toBe(takeover.callId);
    expect(atCustomer.getHeader('replaces')).toBe(replaces);
    expect(atCustomer.getHeader('referred-by')).toBe(`<sip:1002@${DOMAIN}>`);
    customer.reply(atCustomer, 481, { toTag: 'x' });
    expect((await colleague.final('INVITE')).statusCode).toBe(481);
  });

  it('a stranger holding the dialog route cannot inject a REFER into it', async () => {
    const customer = await sip.phone('1001');
    const agent = await sip.phone('1002');
    const stranger = await sip.phone('1003');
    const { calleeSide } = await establish(customer, agent, 'agenttag');

    stranger.inDialog('REFER', calleeSide, { extra: [['Refer-To', `<sip:1003@${DOMAIN}>`]] });
    const refused = await stranger.final('REFER');
    expect(refused.statusCode).toBe(403);
    await customer.nothing((m) => !isResponse(m) && m.method === 'REFER');
  });
});
