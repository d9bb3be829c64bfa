// @vitest-environment node
/**
 * The web app manifest promises files and routes: every shortcut icon and screenshot exists with the
 * size it declares, and the protocol handler URL is the one Settings registers (a route that only
 * fills the dialpad). Screenshots are drawn by scripts/manifest-assets.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PHONE_LINK_PATH } from '../lib/protocol-handlers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ImageRef {
  src: string;
  sizes: string;
  type: string;
  form_factor?: string;
}
interface Manifest {
  protocol_handlers: { protocol: string; url: string }[];
  shortcuts: { name: string; url: string; icons: ImageRef[] }[];
  screenshots: ImageRef[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.webmanifest'), 'utf8')) as Manifest;

/** Width × height from a PNG's IHDR or a WebP's VP8/VP8L/VP8X header. */
function imageSize(bytes: Buffer): string {
  if (bytes.toString('ascii', 1, 4) === 'PNG') return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
  if (bytes.toString('ascii', 8, 12) !== 'WEBP') throw new Error('neither PNG nor WebP');
  const chunk = bytes.toString('ascii', 12, 16);
  if (chunk === 'VP8 ') return `${bytes.readUInt16LE(26) & 0x3fff}x${bytes.readUInt16LE(28) & 0x3fff}`;
  if (chunk === 'VP8X') return `${bytes.readUIntLE(24, 3) + 1}x${bytes.readUIntLE(27, 3) + 1}`;
  const bits = bytes.readUInt32LE(21);
  return `${(bits & 0x3fff) + 1}x${((bits >> 14) & 0x3fff) + 1}`;
}

function expectImage(ref: ImageRef): void {
  const bytes = readFileSync(join(ROOT, 'public', ref.src));
  expect(imageSize(bytes), ref.src).toBe(ref.sizes);
  expect(ref.type).toBe(bytes.toString('ascii', 1, 4) === 'PNG' ? 'image/png' : 'image/webp');
  expect(bytes.length, `${ref.src} is optimised`).toBeLessThan(100_000);
}

describe('manifest.webmanifest', () => {
  it('sends tel: and sip: links to the dialpad route Settings registers', () => {
    expect(manifest.protocol_handlers).toEqual([
      { protocol: 'tel', url: PHONE_LINK_PATH },
      { protocol: 'sip', url: PHONE_LINK_PATH },
    ]);
  });

  it('has Dialpad, History and Contacts shortcuts with icons that exist', () => {
    expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ['Dialpad', '/dialpad'],
      ['History', '/history'],
      ['Contacts', '/contacts'],
    ]);
    for (const shortcut of manifest.shortcuts) {
      expect(shortcut.icons.length).toBeGreaterThan(0);
      shortcut.icons.forEach(expectImage);
    }
  });

  it('has a narrow and a wide screenshot of the real size it declares', () => {
    expect(manifest.screenshots.map((s) => s.form_factor)).toEqual(['narrow', 'wide']);
    manifest.screenshots.forEach(expectImage);
  });
});
