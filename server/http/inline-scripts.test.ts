import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../app';
import { inlineScriptHashes, pageScriptHashes } from './inline-scripts';

const sha = (body: string) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function builtPages(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'openline-inline-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'dist'));
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, 'dist', name), html);
  return dir;
}

describe('inline script hashes', () => {
  it('hashes each inline body exactly as written (whitespace and non-ASCII included), not scripts with src', () => {
    const boot = '\n  (function () { var x = "é"; })();\n';
    const html = `<head><script type="module" crossorigin src="/assets/a.js"></script></head>
      <body><script>${boot}</script><script src="/x.js"></script><script type="module">import '/b.js';</script>
      <script>   </script></body>`;
    expect(inlineScriptHashes(html)).toEqual([sha(boot), sha("import '/b.js';")]);
  });

  it('reads every page at the top of the build, once per distinct script; no build gives none', () => {
    const dir = builtPages({
      'index.html': '<script>a()</script>',
      'join.html': '<script>b()</script><script>a()</script>',
      'notes.txt': '<script>c()</script>',
    });
    expect(pageScriptHashes(join(dir, 'dist'))).toEqual([sha('a()'), sha('b()')].sort());
    expect(pageScriptHashes(join(dir, 'missing'))).toEqual([]);
  });

  it("the server's CSP allows the built pages' inline scripts by hash and nothing inline besides", async () => {
    const dir = builtPages({
      'index.html': '<!doctype html><title>Openline</title><script>boot()</script>',
    });
    const server = await startServer({
      port: 0,
      dataDir: join(dir, 'data'),
      staticDir: join(dir, 'dist'),
      logLevel: 'silent',
    });
    try {
      const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`script-src 'self' ${sha('boot()')};`);
      expect(csp).not.toContain('unsafe-inline');
    } finally {
      await server.close();
    }
  });
});
