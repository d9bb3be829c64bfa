// @vitest-environment node
/**
 * Operator scripts (issue 13): files in DATA_DIR/scripts are loaded at start by sandbox_id and run for
 * the buttons and forms that name them; a file that cannot be a script is skipped with its reason.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../app';
import type { Logger } from '../../log';
import { sessionCookie, TEST_PASSWORD } from '../../testing/signed-in-server';
import { loadOperatorScripts } from './operator-scripts';

const dataDir = mkdtempSync(join(tmpdir(), 'openline-scripts-'));
const scriptsDir = join(dataDir, 'scripts');
mkdirSync(scriptsDir);
const write = (name: string, body: string) => writeFileSync(join(scriptsDir, name), body, { mode: 0o644 });

// Replaces the demo's CRM lookup: answers (asynchronously) from "the operator's CRM".
write(
  'crm-lookup.mjs',
  `export default async function ({ context, user }) {
     await new Promise((r) => setTimeout(r, 5));
     return { __: { formData: { name: 'From the operator CRM', phone: context.call?.remote ?? '', notes: 'asked by ' + user.username } } };
   }`,
);
// TypeScript, exported as \`run\`.
write(
  'ticket-note.ts',
  `interface Input { data: Record<string, unknown> }
   export function run({ data }: Input) { return { __: { formData: { notes: 'Ticket ' + String(data.ticket ?? '?') } } }; }`,
);
// Answers something that is not the actions namespace: the route refuses to pass it on.
write('call-alt-prefill.mjs', `export default () => ({ hello: 'world', __: 'not actions' });`);
write('Bad Name.mjs', 'export default () => ({ __: {} });');
write('constant.mjs', 'export default 42;');
write('broken.mjs', 'throw new Error("missing CRM_TOKEN");');
write('open.mjs', 'export default () => ({ __: {} });');
chmodSync(join(scriptsDir, 'open.mjs'), 0o666);
write('README.txt', 'not a script');

describe('loading operator scripts', () => {
  it('loads good files by their sandbox_id and says why each other one was skipped', async () => {
    const { scripts, problems } = await loadOperatorScripts(scriptsDir);
    expect([...scripts.keys()].sort()).toEqual(['call-alt-prefill', 'crm-lookup', 'ticket-note']);
    expect(problems).toEqual([
      expect.stringMatching(/^Bad Name\.mjs: not loaded: a script is named by its sandbox_id/),
      expect.stringMatching(/^broken\.mjs: not loaded: importing it failed: missing CRM_TOKEN/),
      'constant.mjs: not loaded: it must export a function (default export or `run`).',
      'open.mjs: not loaded: the file is writable by every user (chmod o-w it).',
    ]);
  });

  it('the documented example (examples/server-scripts) loads and answers', async () => {
    const example = new URL('../../../examples/server-scripts', import.meta.url).pathname;
    const { scripts, problems } = await loadOperatorScripts(example);
    expect(problems).toEqual([]);
    const run = scripts.get('order-status')!;
    const answer = await run({
      user: { username: '1002' },
      context: { call: { remote: '1003', direction: 'incoming', state: 'Active' } },
      data: {},
    } as never);
    expect(answer).toEqual({
      __: { formData: { notes: 'Order 4411: shipped on 1 December (looked up by 1002)' } },
    });
  });

  it('no scripts folder is no scripts', async () => {
    expect(await loadOperatorScripts(join(dataDir, 'nowhere'))).toEqual({ scripts: new Map(), problems: [] });
  });
});

describe('operator scripts on the running server', () => {
  let server: RunningServer;
  let cookie: string;
  const logged: string[] = [];
  beforeAll(async () => {
    const line = (level: string) => (message: string) => void logged.push(`${level} ${message}`);
    const logger: Logger = {
      level: 'debug',
      debug: () => {},
      info: line('info'),
      warn: line('warn'),
      error: line('error'),
      child: () => logger,
    };
    server = await startServer(
      { port: 0, host: '127.0.0.1', dataDir, demoPassword: TEST_PASSWORD, logLevel: 'error' },
      logger,
    );
    cookie = await sessionCookie(server.url, '1002');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('says at start which scripts it loaded and which it skipped', () => {
    expect(logged).toContain('info Server script "crm-lookup" loaded (replaces the demo\'s)');
    expect(logged).toContain('info Server script "ticket-note" loaded');
    expect(logged.filter((l) => l.startsWith('error Server script'))).toHaveLength(4);
  });

  it("runs the operator's script for the button that names its sandbox_id", async () => {
    const res = await post('/api/softphone/button/crm-lookup', {
      context: { call: { remote: '1003', direction: 'incoming', state: 'Active' } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      __: { formData: { name: 'From the operator CRM', phone: '1003', notes: 'asked by 1002' } },
    });
  });

  it('refuses to pass on an answer that is not actions (502, with the script named)', async () => {
    const res = await post('/api/softphone/button/call-alt', {});
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: 'script_invalid',
      message: 'Server script "call-alt-prefill" answered something that is not actions.',
    });
  });
});
