/**
 * Forged webcall links (issue 15.9), built as an attacker would under the real site's address, each
 * pointing the customer's browser at a foreign SIP WebSocket server (a real listener on loopback):
 * unsigned (format 1), signed with the attacker's own key, and even signed with this server's key
 * but naming a SIP server it does not publish. The customer sees a refusal, nothing from the payload
 * (the agent name the attacker chose), and no WebSocket is opened to the foreign host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { toBase64Url } from '../../src/webcall/base64url';
import { encodeLink } from '../../src/webcall/link';
import { sipPayload, testSigner } from '../../src/webcall/testing';
import { expect, test } from '../support/phone';
import { E2E_DATA_DIR } from '../support/ports';
import { signWithServerKey } from '../support/webcall-links';

let foreign: { http: Server; wss: WebSocketServer; connections: number; url: string };

test.beforeAll(async () => {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  foreign = {
    http,
    wss,
    connections: 0,
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sip`,
  };
  wss.on('connection', (socket) => {
    foreign.connections++;
    socket.close();
  });
});
test.afterAll(async () => {
  foreign.wss.close();
  await new Promise<void>((r) => foreign.http.close(() => r()));
});

/** The attacker's payload: their SIP server, their TURN server, a trustworthy-looking agent name. */
const evilPayload = () =>
  sipPayload({
    agentName: 'Your Bank Support',
    sip: {
      ...sipPayload().sip,
      wsUrl: foreign.url,
      iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'x', credential: 'y' }],
    },
  });

async function expectRefused(page: Page, url: string, sentence: RegExp) {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(url);
  await expect(page.getByRole('alert')).toContainText(sentence);
  await expect(page.getByText('Your Bank Support')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Join call' })).toHaveCount(0);
  expect(sockets).toEqual([]);
}

test('forged links are refused and open no WebSocket to the foreign host', async ({ browser, baseURL }) => {
  const origin = baseURL ?? 'http://127.0.0.1:18080';
  const context = await browser.newContext({ baseURL, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Format 1: what anyone could build before links were signed.
  const unsigned = new TextEncoder().encode(JSON.stringify(evilPayload()));
  await expectRefused(
    page,
    `${origin}/join#1.${toBase64Url(Uint8Array.from([0, ...unsigned]))}`,
    /old format that is no longer accepted/,
  );

  // Format 2 with the attacker's own key, open and password-protected.
  const attacker = await testSigner();
  const forged = await attacker.sign(evilPayload());
  await expectRefused(page, await encodeLink(forged, { origin }), /not made by this site/);
  await page.goto(await encodeLink(forged, { origin, password: 'pw', iterations: 100_000 }));
  await page.getByLabel('Password', { exact: true }).fill('pw');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(/not made by this site/);
  await expect(page.getByText('Your Bank Support')).toHaveCount(0);

  // Signed by this very server, but naming a SIP server it does not publish.
  const misissued = signWithServerKey(E2E_DATA_DIR, evilPayload());
  await expectRefused(
    page,
    await encodeLink(misissued, { origin }),
    /call service that this site does not run/,
  );

  expect(foreign.connections).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
