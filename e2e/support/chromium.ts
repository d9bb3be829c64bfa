/**
 * Where the browser for tests comes from: a system Chromium when present (CHROMIUM_PATH, or Debian's
 * /usr/bin/chromium), otherwise Playwright's own download. Also writes the fake microphone input: a
 * continuous tone, so "the remote side hears silence when muted" is measurable from audio levels
 * (Chromium's built-in fake microphone only beeps once a second).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** 16-bit mono PCM WAV of a 440 Hz sine, `seconds` long (Chromium loops it). */
export function writeToneWav(seconds = 4, sampleRate = 48000): string {
  const dir = join(tmpdir(), 'openline-e2e');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tone-440.wav');
  const samples = seconds * sampleRate;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 0.5 * 32767), 44 + i * 2);
  }
  writeFileSync(file, buf);
  return file;
}

export function chromiumArgs(toneFile: string): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${toneFile}`,
    '--autoplay-policy=no-user-gesture-required',
    // Two pages on one machine talk over loopback host candidates.
    '--allow-loopback-in-peer-connection',
  ];
}
