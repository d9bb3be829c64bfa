/**
 * A call set up through the proxy by two raw test phones (INVITE, 200, ACK), and each side's view of
 * the dialog for in-dialog requests.
 */
import type { DialogSide, TestPhone } from './test-phone';
import { invite } from './server';

export interface EstablishedCall {
  callId: string;
  /** Our Record-Route as the parties saw it. */
  recordRoute: string[];
  caller: DialogSide;
  callee: DialogSide;
}

/** `caller` calls `callee` (registered as `calleeUser`), the callee answers, the caller ACKs. */
export async function establishCall(
  caller: TestPhone,
  callee: TestPhone,
  calleeUser = callee.user,
): Promise<EstablishedCall> {
  const inv = invite(caller, `sip:${calleeUser}@openline.local`);
  const incoming = await callee.request('INVITE');
  const calleeTag = `callee${inv.fromTag}`;
  callee.reply(incoming, 200, { toTag: calleeTag, body: 'v=0\r\n' });
  const ok = await caller.final('INVITE');
  if (ok.statusCode !== 200) throw new Error(`call answered ${ok.statusCode}`);
  const recordRoute = ok.getHeaders('record-route');
  const call: EstablishedCall = {
    callId: inv.callId,
    recordRoute,
    caller: {
      target: callee.contact,
      routes: recordRoute,
      callId: inv.callId,
      localTag: inv.fromTag,
      remoteTag: calleeTag,
      remoteUri: `sip:${calleeUser}@openline.local`,
    },
    callee: {
      target: caller.contact,
      routes: recordRoute,
      callId: inv.callId,
      localTag: calleeTag,
      remoteTag: inv.fromTag,
      remoteUri: caller.aor,
    },
  };
  caller.inDialog('ACK', call.caller, { cseq: inv.cseq });
  await callee.request('ACK');
  return call;
}
