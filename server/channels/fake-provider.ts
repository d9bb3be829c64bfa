/**
 * The local fake provider (demo and tests; enabled by CHANNELS_DEMO): the outbound URL of the seeded
 * `demo-whatsapp` channel. It checks the `X-Openline-Signature` of each post like a real gateway would
 * (401 when it does not match), records what arrived (the last 200 per channel), and can be switched
 * to answer 503 to show retries and the dead letter. It also serves a few files at
 * `/api/dev/fake-provider/:channel/media/:name` to stand in for a provider's media URLs (ADR 0029):
 * `photo.png` (a real PNG), `leaflet.pdf` (a real PDF), `voice.ogg` (a real Ogg/Opus voice note of a
 * 2.1-second 440 Hz tone, encoded with opusscript on first use; ADR 0036), `sticker.webp` (a 1×1 WebP) and `not-an-image.png` (HTML named .png, which our magic-byte
 * check refuses to keep).
 */
import type { ChannelRow } from './store';
import { verifyOpenlineSignature } from './signature';
import { encodeOggOpus, synthesize } from '../voicemail/tone';

export interface FakeOutboxEntry {
  at: number;
  body: unknown;
}

const KEEP = 200;

/** A 64×64 orange PNG. */
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAeklEQVR4nO3PUQkAIBTAwBfC2IY1giH8OITBAtzm7PV1wwUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWPHYBSf8BeLDobygAAAAASUVORK5CYII=',
  'base64',
);
const LEAFLET_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let voiceNote: Buffer | undefined;

/** The fake provider's media files by name (content type as a provider would declare it). */
export const FAKE_MEDIA: Record<string, { type: string; bytes: Buffer }> = {
  'photo.png': { type: 'image/png', bytes: PHOTO_PNG },
  'leaflet.pdf': { type: 'application/pdf', bytes: LEAFLET_PDF },
  'voice.ogg': {
    type: 'audio/ogg; codecs=opus',
    get bytes() {
      voiceNote ??= encodeOggOpus(synthesize([{ freq: 440, ms: 2100 }]));
      return voiceNote;
    },
  },
  'sticker.webp': {
    type: 'image/webp',
    bytes: Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'),
  },
  'not-an-image.png': { type: 'image/png', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
};

export class FakeProvider {
  private readonly boxes = new Map<string, FakeOutboxEntry[]>();
  private readonly failing = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The HTTP status to answer. */
  receive(channel: ChannelRow, raw: Buffer, signature: string | string[] | undefined): number {
    const header = Array.isArray(signature) ? signature[0] : signature;
    if (verifyOpenlineSignature(channel.secret, raw, header) === null) return 401;
    if (this.failing.has(channel.id)) return 503;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return 400;
    }
    const box = this.boxes.get(channel.id) ?? [];
    box.push({ at: this.now(), body });
    this.boxes.set(channel.id, box.slice(-KEEP));
    return 200;
  }

  outbox(channel: string): FakeOutboxEntry[] {
    return this.boxes.get(channel) ?? [];
  }

  setFailing(channel: string, on: boolean): void {
    if (on) this.failing.add(channel);
    else this.failing.delete(channel);
  }

  isFailing(channel: string): boolean {
    return this.failing.has(channel);
  }
}
