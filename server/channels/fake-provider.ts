/**
 * The local fake provider (demo and tests; enabled by CHANNELS_DEMO): the outbound URL of the seeded
 * `demo-whatsapp` channel. It checks the `X-Openline-Signature` of each post like a real gateway would
 * (401 when it does not match), records what arrived (the last 200 per channel), and can be switched
 * to answer 503 to show retries and the dead letter.
 */
import type { ChannelRow } from './store';
import { verifyOpenlineSignature } from './signature';

export interface FakeOutboxEntry {
  at: number;
  body: unknown;
}

const KEEP = 200;

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
