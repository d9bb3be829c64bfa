/**
 * Interop with the real client stack: sip.js UserAgents (the library the PWA uses) register,
 * message and call each other through the server. Media is faked with a tiny
 * SessionDescriptionHandler; WebSocket comes from `ws`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  Inviter,
  Messager,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Invitation,
  type Message,
  type Session,
  type SessionDescriptionHandler,
} from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app';
import { waitUntil } from './testing';

let server: RunningServer;
let dataDir: string;
const agents: UserAgent[] = [];

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  dataDir = mkdtempSync(join(tmpdir(), 'openline-sipjs-'));
  server = await startServer({
    port: 0,
    dataDir,
    staticDir: dataDir,
    logLevel: 'silent',
    demoPassword: 'pw',
  });
});

afterAll(async () => {
  await Promise.all(agents.map((ua) => ua.stop().catch(() => undefined)));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const fakeSdh = (): SessionDescriptionHandler => ({
  close: () => undefined,
  getDescription: async () => ({
    body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n',
    contentType: 'application/sdp',
  }),
  hasDescription: (contentType) => contentType === 'application/sdp',
  setDescription: async () => undefined,
  sendDtmf: () => true,
});

async function agent(user: string, onInvite?: (inv: Invitation) => void, onMessage?: (m: Message) => void) {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@openline.local`)!,
    authorizationUsername: user,
    authorizationPassword: 'pw',
    transportOptions: { server: `${server.url.replace('http', 'ws')}/sip` },
    sessionDescriptionHandlerFactory: fakeSdh,
    logBuiltinEnabled: false,
    delegate: { onInvite, onMessage },
  });
  agents.push(ua);
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  const registered = new Promise<void>((resolve, reject) => {
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) resolve();
      if (state === RegistererState.Terminated) reject(new Error('registration terminated'));
    });
  });
  await registerer.register();
  await registered;
  return { ua, registerer };
}

function reached(session: Session, state: SessionState): Promise<void> {
  return new Promise((resolve) => {
    if (session.state === state) return resolve();
    session.stateChange.addListener((s) => s === state && resolve());
  });
}

describe('sip.js interop', () => {
  it('registers, exchanges a MESSAGE and completes a call with BYE', async () => {
    const messages: string[] = [];
    let incoming: Invitation | undefined;
    await agent(
      '1002',
      (inv) => {
        incoming = inv;
        inv.progress().then(() => inv.accept());
      },
      (m) => {
        messages.push(m.request.body);
        m.accept();
      },
    );
    const alice = await agent('1001');
    expect(server.registrar.bindings).toBe(2);

    const messager = new Messager(alice.ua, UserAgent.makeURI('sip:1002@openline.local')!, 'hello bob');
    await messager.message();
    await waitUntil(() => messages.length === 1);
    expect(messages).toEqual(['hello bob']);

    const inviter = new Inviter(alice.ua, UserAgent.makeURI('sip:1002@openline.local')!);
    await inviter.invite();
    await reached(inviter, SessionState.Established);
    await waitUntil(() => incoming?.state === SessionState.Established);

    // Callee hangs up: its BYE travels by the Record-Route back to the caller.
    await incoming!.bye();
    await reached(inviter, SessionState.Terminated);

    await alice.registerer.unregister();
    await waitUntil(() => server.registrar.bindings === 1);
  });

  it('cancels a ringing call from the caller side', async () => {
    let incoming: Invitation | undefined;
    await agent('1003', (inv) => {
      incoming = inv;
      void inv.progress();
    });
    const alice = await agent('1001');
    const inviter = new Inviter(alice.ua, UserAgent.makeURI('sip:1003@openline.local')!);
    await inviter.invite();
    await waitUntil(() => incoming !== undefined);
    await waitUntil(() => inviter.state === SessionState.Establishing);
    await new Promise((r) => setTimeout(r, 20));
    await inviter.cancel();
    await reached(inviter, SessionState.Terminated);
    await waitUntil(() => incoming!.state === SessionState.Terminated);
    await waitUntil(() => server.sipStats().transactions === 0);
  });
});
