/**
 * The production options: WS_ORIGIN is required (Kamailio refuses to start without it), WebSocket
 * handshakes only from that web origin and for our host name, and WSS (-A WITH_TLS) with a
 * certificate. WSS runs only when kamailio-tls-modules and openssl are installed (an optional package:
 * CI does not need it); otherwise the same checks run over plain WS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KAMAILIO_BIN,
  KAMAILIO_CFG,
  freePort,
  kamailioAvailable,
  startKamailio,
  type KamailioHandle,
} from '../../e2e/support/kamailio';
import { SECRET, kamailio, mint, reportAvailability } from './testing/kamailio-harness';
import { SipClient } from '../sip/testing';

reportAvailability();

describe.runIf(kamailio.ok)('Kamailio without WS_ORIGIN', () => {
  it('refuses to start and says WS_ORIGIN is required', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'openline-kam-origin-'));
    try {
      const check = spawnSync(
        KAMAILIO_BIN,
        ['-c', '-f', KAMAILIO_CFG, '-A', 'AUTH_SECRET="x"', '-A', `RUN_DIR="${runDir}"`],
        { encoding: 'utf8' },
      );
      expect(check.status).not.toBe(0);
      // Kamailio names the line it stopped at; that line says what is missing.
      const line = Number(/parse error in config file [^,]+, line (\d+)/.exec(check.stderr)?.[1]);
      expect(readFileSync(KAMAILIO_CFG, 'utf8').split('\n')[line - 1]).toMatch(/^WS_ORIGIN_is_required/);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(kamailio.ok)('Kamailio production options (WS_ORIGIN, WITH_TLS)', () => {
  const ORIGIN = 'https://phone.openline.test';
  let kam: KamailioHandle;
  let url: string;
  let certDir: string;
  let tls = false;

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'openline-kam-tls-'));
    const defines: string[] = [];
    const cert = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        join(certDir, 'key.pem'),
        '-out',
        join(certDir, 'cert.pem'),
      ]),
      { encoding: 'utf8' },
    );
    if (cert.status === 0) {
      writeFileSync(
        join(certDir, 'tls.cfg'),
        `[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n` +
          `private_key = ${join(certDir, 'key.pem')}\ncertificate = ${join(certDir, 'cert.pem')}\n`,
      );
      const wssPort = await freePort();
      const tlsDefines = ['WITH_TLS', `WSS_PORT=${wssPort}`, `TLS_CONFIG="${join(certDir, 'tls.cfg')}"`];
      if (kamailioAvailable({ defines: tlsDefines }).ok) {
        defines.push(...tlsDefines);
        tls = true;
        url = `wss://127.0.0.1:${wssPort}`;
      }
    }
    if (!tls)
      console.warn('[kamailio] WSS not tested: install kamailio-tls-modules (and openssl) to test it');
    kam = await startKamailio({ secret: SECRET, wsOrigin: ORIGIN, defines });
    if (!tls) url = kam.wsUrl;
  });

  afterAll(async () => {
    await kam?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  const client = (wsOptions: { origin?: string; headers?: Record<string, string> }) => {
    const creds = mint('6001');
    return SipClient.ws(
      url,
      { user: '6001', domain: kam.domain, username: creds.username, password: creds.password },
      { ...wsOptions, rejectUnauthorized: false },
    );
  };

  it('accepts a handshake from the configured origin and REGISTERs (over WSS when available)', async () => {
    const c = await client({ origin: ORIGIN });
    try {
      expect((await c.register()).status).toBe(200);
      expect(url.startsWith('wss:')).toBe(tls);
    } finally {
      await c.close();
    }
  });

  it('refuses a handshake from another web origin with 403', async () => {
    await expect(client({ origin: 'https://evil.example' })).rejects.toThrow(
      /Unexpected server response: 403/,
    );
  });

  it('lets a client without an Origin header (not a browser) through to authentication', async () => {
    const c = await client({});
    try {
      expect((await c.register()).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('refuses a handshake for a Host that is not ours with 403', async () => {
    await expect(client({ origin: ORIGIN, headers: { Host: 'evil.example' } })).rejects.toThrow(
      /Unexpected server response: 403/,
    );
  });
});
