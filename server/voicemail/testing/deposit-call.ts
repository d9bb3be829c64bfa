/**
 * A call into voicemail from a raw SIP test phone with a real werift caller behind it: INVITE with
 * a WebRTC offer, 180/200 from the server's voicemail endpoint, ACK, the tone, BYE.
 */
import { expect } from 'vitest';
import { onInviteBranch } from '../../sip/testing/server';
import type { DialogSide, IncomingResponseMessage, TestPhone } from '../../sip/testing/test-phone';
import { tagOf, uriOf, waitUntil } from '../../sip/testing/wire';
import { WeriftCaller } from './werift-caller';

/** Packets of the default greeting (1.56 s of 20 ms frames). */
export const GREETING_PACKETS = 78;

export interface DepositCall {
  media: WeriftCaller;
  inv: { text: string; callId: string; fromTag: string; branch: string; cseq: number };
  /** Set once the call is answered. */
  dialog?: DialogSide;
}

export async function dial(
  caller: TestPhone,
  callee: string,
  o: { video?: boolean } = {},
): Promise<DepositCall> {
  const media = new WeriftCaller({ video: o.video });
  const target = `sip:${callee}@openline.local`;
  const inv = caller.outOfDialog('INVITE', target, { body: await media.offer() });
  caller.send(inv.text);
  return { media, inv };
}

/** Waits for the 200 from voicemail, ACKs it and connects the media. */
export async function answered(
  caller: TestPhone,
  call: DepositCall,
  callee: string,
): Promise<IncomingResponseMessage> {
  const ok = await caller.final('INVITE', 10_000);
  expect(ok.statusCode).toBe(200);
  const routes = ok.getHeaders('record-route').reverse();
  call.dialog = {
    target: uriOf(ok.getHeader('contact')),
    routes,
    callId: call.inv.callId,
    localTag: call.inv.fromTag,
    remoteTag: tagOf(ok.getHeader('to')!)!,
    remoteUri: `sip:${callee}@openline.local`,
  };
  caller.inDialog('ACK', call.dialog, { cseq: call.inv.cseq });
  await call.media.answered(ok.body);
  call.media.start();
  return ok;
}

/** Lets the greeting play out, then `packets` more of the tone (20 ms each) go out before returning. */
export async function leaveMessage(call: DepositCall, packets: number): Promise<void> {
  await waitUntil(() => call.media.received >= GREETING_PACKETS - 2, 15_000);
  const from = call.media.sent;
  await waitUntil(() => call.media.sent >= from + packets, 15_000);
}

export async function hangUp(caller: TestPhone, call: DepositCall): Promise<void> {
  caller.inDialog('BYE', call.dialog!);
  const res = await caller.final('BYE');
  expect(res.statusCode).toBe(200);
  await call.media.close();
}

export function cancel(caller: TestPhone, call: DepositCall, callee: string): void {
  caller.send(onInviteBranch(caller, call.inv, 'CANCEL', { to: `sip:${callee}@openline.local` }));
}
