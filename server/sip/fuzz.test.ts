/**
 * Fuzzing the SIP parser and router (issue 15.13, SIP part) at a small, deterministic budget:
 * mutated copies of valid messages (seeded PRNG) go to the parser directly and, over a real
 * WebSocket, through the router of a real server. Nothing may throw or log an error, garbage that
 * can be answered gets 400, and the server's state stays within its caps.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { parseMessage } from './message';
import { sipMessage, waitUntil } from './testing';
import { startSipTestServer } from './testing/server';
import { prng } from '../../src/lib/testing/prng';

const SEEDS = (contact: string): string[] => [
  sipMessage(
    'INVITE sip:1002@openline.local SIP/2.0',
    [
      ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bKfuzz1'],
      ['Max-Forwards', '70'],
      ['From', '"A" <sip:1001@openline.local>;tag=a1'],
      ['To', '<sip:1002@openline.local>'],
      ['Call-ID', 'fuzz-call'],
      ['CSeq', '1 INVITE'],
      ['Contact', `<${contact}>`],
      ['Content-Type', 'application/sdp'],
    ],
    'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n',
  ),
  sipMessage(
    'MESSAGE sip:1002@openline.local SIP/2.0',
    [
      ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bKfuzz2'],
      ['Route', '<sip:ol.AAAA@openline.local;transport=ws;lr>'],
      ['From', '<sip:1001@openline.local>;tag=a2'],
      ['To', '<sip:1002@openline.local>;tag=b2'],
      ['Call-ID', 'fuzz-msg'],
      ['CSeq', '7 MESSAGE'],
      ['Content-Type', 'text/plain'],
    ],
    'hello',
  ),
  sipMessage('REGISTER sip:openline.local SIP/2.0', [
    ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bKfuzz3'],
    ['From', '<sip:1001@openline.local>;tag=a3'],
    ['To', '<sip:1001@openline.local>'],
    ['Call-ID', 'fuzz-reg'],
    ['CSeq', '2 REGISTER'],
    ['Contact', `<${contact}>;expires=60`],
    [
      'Authorization',
      'Digest username="1001", realm="openline.local", nonce="x", uri="sip:openline.local", response="0"',
    ],
  ]),
  sipMessage('SIP/2.0 200 OK', [
    ['Via', 'SIP/2.0/WS openline.local;branch=z9hG4bK.ol.forged'],
    ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bKfuzz4'],
    ['From', '<sip:1001@openline.local>;tag=a4'],
    ['To', '<sip:1002@openline.local>;tag=b4'],
    ['Call-ID', 'fuzz-res'],
    ['CSeq', '1 INVITE'],
  ]),
];

const TOKENS = [
  '\r\n',
  ':',
  ';',
  ',',
  '<',
  '>',
  '"',
  '\\',
  '%',
  '@',
  'sip:',
  ' ',
  '\t',
  '\0',
  '\u00ff',
  '=',
  'tag=',
];

function mutate(seed: string, rnd: () => number): string {
  let s = seed;
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const len = Math.floor(rnd() * 12);
    switch (Math.floor(rnd() * 7)) {
      case 0: // delete a span
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1: // insert a SIP-significant token
        s = s.slice(0, at) + TOKENS[Math.floor(rnd() * TOKENS.length)]! + s.slice(at);
        break;
      case 2: // flip a character
        s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 256)) + s.slice(at + 1);
        break;
      case 3: // duplicate a span (repeated headers, params)
        s = s.slice(0, at + len) + s.slice(at, at + len) + s.slice(at);
        break;
      case 4: {
        // drop or repeat a whole line
        const lines = s.split('\r\n');
        const i = Math.floor(rnd() * lines.length);
        if (rnd() < 0.5) lines.splice(i, 1);
        else lines.splice(i, 0, lines[i] ?? '');
        s = lines.join('\r\n');
        break;
      }
      case 5: // an oversized value
        s = s.slice(0, at) + 'x'.repeat(1000 + Math.floor(rnd() * 5000)) + s.slice(at);
        break;
      default: // truncate
        s = s.slice(0, at);
    }
  }
  return s;
}

describe('SIP fuzzing', () => {
  it('the parser never throws and answers what it can answer with 400 or 505', () => {
    const rnd = prng(15_13);
    const seeds = SEEDS('sip:c@x.invalid;transport=ws');
    for (let i = 0; i < 2000; i++) {
      const input = mutate(seeds[i % seeds.length]!, rnd);
      const result = parseMessage(Buffer.from(input, 'latin1'));
      if (!result.ok && result.replyStatus !== undefined) expect([400, 505]).toContain(result.replyStatus);
    }
  });

  it('the router survives mutated traffic from registered peers, within its caps', async () => {
    const errors: string[] = [];
    const logger = createLogger('error', (_level, line) => errors.push(line));
    const s = await startSipTestServer({ logger, env: { SIP_AUTH_FREE_FAILURES: '100000' } });
    try {
      const alice = await s.phone('1001');
      const bob = await s.phone('1002');
      const rnd = prng(2026);
      const seeds = SEEDS(alice.contact);
      const budget = 600;
      for (let i = 0; i < budget; i++) alice.send(mutate(seeds[i % seeds.length]!, rnd));
      // Garbage the server can answer gets 400 (or 505 for a bad version), never a 500 from a crash.
      // (Read raw frames: a 400 echoes the mangled headers, which sip.js may not parse.)
      const probe = alice.outOfDialog('OPTIONS', 'sip:openline.local');
      alice.send(probe.text);
      await waitUntil(
        () => alice.raw.some((f) => f.startsWith('SIP/2.0 200 ') && f.includes(`Call-ID: ${probe.callId}`)),
        30_000,
      );
      expect(alice.raw.filter((f) => f.startsWith('SIP/2.0 400 ')).length).toBeGreaterThan(0);
      expect(alice.raw.filter((f) => f.startsWith('SIP/2.0 500 Server Internal Error\r\n'))).toEqual([]);
      expect(errors).toEqual([]);
      expect(alice.closed || bob.closed).toBe(false);
      const stats = s.server.sipStats();
      expect(stats.transactions).toBeLessThanOrEqual(32);
      expect(stats.bindings).toBeLessThanOrEqual(4);
      await waitUntil(() => s.server.sipStats().connections === 2);
    } finally {
      await s.stop();
    }
  }, 60_000);
});
