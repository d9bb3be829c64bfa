import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './app';
import { ConfigError, defaultPasswordProblem, isLoopbackHost, loadConfig } from './config';

describe('default demo password (issue 15.8)', () => {
  it('is refused on any non-loopback address with a message that says what to do', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      expect(defaultPasswordProblem({ host, demoPassword: 'openline' })).toMatch(/Set DEMO_PASSWORD/);
    }
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) {
      expect(isLoopbackHost(host)).toBe(true);
      expect(defaultPasswordProblem({ host, demoPassword: 'openline' })).toBeUndefined();
    }
    expect(defaultPasswordProblem({ host: '0.0.0.0', demoPassword: 'a-real-password' })).toBeUndefined();
  });

  it('startServer does not start on 0.0.0.0 with it, and starts on loopback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openline-default-pw-'));
    try {
      const base = { port: 0, dataDir: dir, staticDir: join(dir, 'dist'), logLevel: 'silent' } as const;
      await expect(startServer({ ...base, host: '0.0.0.0' })).rejects.toBeInstanceOf(ConfigError);
      const local = await startServer({ ...base, host: '127.0.0.1' });
      expect((await fetch(`${local.url}/api/health`)).status).toBe(200);
      await local.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration errors never echo secrets (issue 15.12)', () => {
  it('names the variable and the problem but hides the value', () => {
    const secret = 'sp ace"quote-secret-value';
    let message = '';
    try {
      loadConfig({ EPHEMERAL_SECRET: secret, DEMO_PASSWORD: '', PORT: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('EPHEMERAL_SECRET=(hidden');
    expect(message).toContain('PORT="x"');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('quote-secret');
  });

  it('hides a bad Sendbird API token too', () => {
    let message = '';
    try {
      loadConfig({ SENDBIRD_API_TOKEN: 'tok en with spaces', SENDBIRD_APP_ID: 'bad app id!' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('tok en with spaces');
  });
});
