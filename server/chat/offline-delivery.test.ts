/**
 * Retry policy of offline delivery, with a fake phone connection and fake timers: a message the phone
 * does not answer 2xx (or does not answer at all) is sent again after 5 s, then 10 s, while the user
 * stays registered, and deleted only after a 2xx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db';
import { createLogger } from '../log';
import { parseMessage, type SipRequest, type SipResponse } from '../sip/message';
import type { Binding } from '../sip/registrar';
import type { SipConnection } from '../sip/transport';
import { OfflineDelivery } from './offline-delivery';
import { OfflineMessageStore } from './offline-store';

const silent = createLogger('silent');

function phoneConnection() {
  const sent: string[] = [];
  const conn = {
    id: 'c1',
    remote: '127.0.0.1:1',
    ip: '127.0.0.1',
    open: true,
    identities: new Set<string>(),
    send: (text: string) => (sent.push(text), true),
  } as unknown as SipConnection;
  return { conn, sent };
}

function answer(request: string, status: number): SipResponse {
  const req = parseMessage(request);
  if (!req.ok || req.message.kind !== 'request') throw new Error('not a request');
  const r: SipRequest = req.message;
  const text = [
    `SIP/2.0 ${status} X`,
    `Via: ${r.get('via')}`,
    `From: ${r.get('from')}`,
    `To: ${r.get('to')};tag=t`,
    `Call-ID: ${r.callId}`,
    `CSeq: ${r.get('cseq')}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const res = parseMessage(text);
  if (!res.ok || res.message.kind !== 'response') throw new Error('not a response');
  return res.message;
}

let dir: string;
let db: Db;
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  dir = mkdtempSync(join(tmpdir(), 'openline-chat-'));
  db = openDatabase(dir);
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('offline delivery retries', () => {
  it('retries with backoff until a 2xx, then deletes', () => {
    const store = new OfflineMessageStore(db, { maxPerUser: 10, maxAgeMs: 86_400_000 });
    const { conn, sent } = phoneConnection();
    const binding = {
      aor: '1003',
      conn,
      contact: { uri: { raw: 'sip:x@y.invalid;transport=ws' } },
    } as Binding;
    const delivery = new OfflineDelivery({
      domain: 'openline.local',
      store,
      lookup: () => [binding],
      accountExists: () => true,
      maxBodyBytes: 4096,
      answerTimeoutMs: 32_000,
      retryBaseMs: 5_000,
      maxRetryMs: 600_000,
      log: silent,
    });
    store.store({
      recipient: '1003',
      sender: '1001',
      fromHeader: '<sip:1001@openline.local>;tag=a',
      callId: 'call-1',
      contentType: 'text/plain;charset=utf-8',
      headers: [['Message-ID', 'm1']],
      body: 'hi',
    });

    delivery.registered('1003', conn);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^MESSAGE sip:x@y.invalid;transport=ws SIP\/2.0/);
    expect(sent[0]).toContain('Call-ID: call-1');
    expect(sent[0]).toContain('Message-ID: m1');
    expect(delivery.handleResponse(answer(sent[0]!, 480), conn)).toBe(true);

    vi.advanceTimersByTime(4_999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    // No answer at all: after the answer timeout, the next try is 10 s later.
    vi.advanceTimersByTime(32_000);
    vi.advanceTimersByTime(9_999);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(3);
    delivery.handleResponse(answer(sent[2]!, 200), conn);
    expect(store.pending('1003')).toEqual([]);
    vi.advanceTimersByTime(600_000);
    expect(sent).toHaveLength(3);
    delivery.close();
  });
});
