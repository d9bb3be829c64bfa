/**
 * A real server (HTTP + `/sip`) on port 0 with a temporary data directory, for protocol tests, and
 * the phones connected to it. SIP limits (server/sip/limits.ts) are read from the environment when
 * the SIP service starts, so `env` is applied only while it starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../app';
import type { ServerOptions } from '../../config';
import type { Logger } from '../../log';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestPhone } from './test-phone';
import { sipMessage, waitUntil } from './wire';

export interface SipTestServer {
  server: RunningServer;
  url: string;
  /** Connects a phone as `user` (registered unless `register: false`); closed by `closePhones`. */
  phone(
    user: string,
    o?: { register?: boolean; password?: string; origin?: string; localAddress?: string },
  ): Promise<TestPhone>;
  closePhones(): Promise<void>;
  stop(): Promise<void>;
}

/** A server shared by one test file's tests, started by its hooks; read it inside tests only. */
export interface SharedSipTestServer {
  readonly harness: SipTestServer;
  readonly server: RunningServer;
  phone(user: string, o?: { register?: boolean; password?: string }): Promise<TestPhone>;
}

/**
 * Registers the hooks of a test file that shares one server: started before all tests, stopped after
 * them, and after each test its phones closed and every binding and connection gone.
 */
export function useSipTestServer(start: Parameters<typeof startSipTestServer>[0] = {}): SharedSipTestServer {
  let current: SipTestServer | undefined;
  const get = (): SipTestServer => {
    if (!current) throw new Error('the shared SIP test server is not started (use it inside a test)');
    return current;
  };
  beforeAll(async () => {
    current = await startSipTestServer(start);
  });
  afterAll(() => current?.stop());
  afterEach(async () => {
    const { server } = get();
    await get().closePhones();
    await waitUntil(() => server.registrar.bindings === 0 && server.sipStats().connections === 0);
  });
  return {
    get harness() {
      return get();
    },
    get server() {
      return get().server;
    },
    phone: (user, o = {}) => get().phone(user, o),
  };
}

export async function startSipTestServer(
  o: { env?: Record<string, string>; options?: Partial<ServerOptions>; logger?: Logger } = {},
): Promise<SipTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openline-sip-'));
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(o.env ?? {})) {
    saved.set(key, process.env[key]);
    process.env[key] = value;
  }
  let server: RunningServer;
  try {
    server = await startServer(
      {
        port: 0,
        dataDir,
        staticDir: join(dataDir, 'no-dist'),
        logLevel: 'silent',
        ...o.options,
      },
      o.logger,
    );
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const phones: TestPhone[] = [];
  return {
    server,
    url: server.url,
    async phone(user, p = {}) {
      const phone = await TestPhone.connect(server.url, user, {
        password: p.password,
        origin: p.origin,
        localAddress: p.localAddress,
      });
      phones.push(phone);
      if (p.register !== false) {
        const res = await phone.register();
        if (res.statusCode !== 200) throw new Error(`${user}: REGISTER answered ${res.statusCode}`);
      }
      return phone;
    },
    async closePhones() {
      await Promise.all(phones.splice(0).map((p) => p.close()));
    },
    async stop() {
      await Promise.all(phones.splice(0).map((p) => p.close()));
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Caller sends INVITE to `to`; returns the ids needed to continue the call. */
export function invite(
  caller: TestPhone,
  to = 'sip:1002@openline.local',
  extra: Array<[string, string]> = [],
) {
  const inv = caller.outOfDialog('INVITE', to, { body: 'v=0\r\n', extra });
  caller.send(inv.text);
  return inv;
}

/** A CANCEL, or the ACK for a non-2xx final response, on `invite`'s own branch (same transaction). */
export function onInviteBranch(
  caller: TestPhone,
  inv: ReturnType<typeof invite>,
  method: 'CANCEL' | 'ACK',
  o: { to?: string; toTag?: string } = {},
): string {
  const to = o.to ?? 'sip:1002@openline.local';
  return sipMessage(`${method} ${to} SIP/2.0`, [
    ['Via', caller.via(inv.branch)],
    ['Max-Forwards', '70'],
    ['To', `<${to}>${o.toTag ? `;tag=${o.toTag}` : ''}`],
    ['From', `"${caller.user}" <${caller.aor}>;tag=${inv.fromTag}`],
    ['Call-ID', inv.callId],
    ['CSeq', `${inv.cseq} ${method}`],
  ]);
}
