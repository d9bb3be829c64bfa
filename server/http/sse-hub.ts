/**
 * The Server-Sent Events streams the server keeps open (webphone configuration, conversations, webcall
 * chat), in one place: each stream takes over its response (headers, a first frame, a keep-alive
 * comment every `heartbeatMs`, the end after `maxAgeMs` so the client's reconnect authenticates
 * again), is counted against a per-key and a total cap, and is forgotten when the client goes.
 * What a stream carries, and whom a frame goes to, stays with each hub: `M` is what a hub knows about
 * a stream (its user, its room, its viewer).
 */
import type { ServerResponse } from 'node:http';

export interface SseHubOptions<M> {
  /** Streams per key (user, room) and in total; stream lifetime and keep-alive period. */
  limits: { perKey: number; total: number; maxAgeMs: number; heartbeatMs: number };
  /** What the per-key cap counts by. */
  key(meta: M): string;
  /** Why a stream is refused: the server is full, or this key is. */
  refusals: { total: string; perKey: string };
}

interface Stream<M> {
  meta: M;
  res: ServerResponse;
  timers: ReturnType<typeof setTimeout>[];
}

export class SseHub<M> {
  private readonly streams = new Set<Stream<M>>();

  constructor(private readonly options: SseHubOptions<M>) {}

  /** Why a new stream for this key is refused, or null when it may open. */
  refusal(key: string): string | null {
    const { limits, refusals } = this.options;
    if (this.streams.size >= limits.total) return refusals.total;
    return this.count((m) => this.options.key(m) === key) >= limits.perKey ? refusals.perKey : null;
  }

  /**
   * Takes over the response: headers, `first` (the retry delay, a backlog), keep-alive comments, and
   * the end after `maxAgeMs`, or after `endsInMs` when that is sooner.
   */
  open(meta: M, res: ServerResponse, first: string, endsInMs: number = this.options.limits.maxAgeMs): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    const stream: Stream<M> = { meta, res, timers: [] };
    this.streams.add(stream);
    res.write(first);
    const { heartbeatMs, maxAgeMs } = this.options.limits;
    stream.timers.push(
      setInterval(() => res.write(': ping\n\n'), heartbeatMs),
      setTimeout(() => res.end(), Math.max(0, Math.min(endsInMs, maxAgeMs))),
    );
    res.on('close', () => this.drop(stream));
    res.on('error', () => this.drop(stream));
  }

  /** Writes a frame to every open stream, or to those `to` picks. */
  publish(frame: string, to: (meta: M) => boolean = () => true): void {
    for (const s of this.streams) if (to(s.meta)) s.res.write(frame);
  }

  /** How many open streams `match` picks. */
  count(match: (meta: M) => boolean): number {
    let n = 0;
    for (const s of this.streams) if (match(s.meta)) n += 1;
    return n;
  }

  get size(): number {
    return this.streams.size;
  }

  /** Ends every stream (server shutdown: an open stream would otherwise hold the HTTP server open). */
  close(): void {
    for (const s of [...this.streams]) {
      this.drop(s);
      s.res.end();
    }
  }

  private drop(stream: Stream<M>): void {
    for (const t of stream.timers) clearTimeout(t);
    this.streams.delete(stream);
  }
}
