/**
 * The flight recorder: an in-memory ring of what the runner did (what ran, its parameters, the
 * result), newest last, for the Agent tab to show. Listeners are told after every change.
 */
import type { ResultStatus } from './types';

export type TraceKind = 'button' | 'server' | 'action' | 'form' | 'note';

export interface TraceEntry {
  id: number;
  /** Epoch ms. */
  at: number;
  kind: TraceKind;
  /** e.g. `makeCall`, `button crm-lookup`, `POST form disposition`. */
  name: string;
  params: string[];
  status: ResultStatus | 'info';
  message: string;
  /** Whole milliseconds the step took, when timed. */
  durationMs?: number;
}

export class Trace {
  private entries: readonly TraceEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly capacity = 200,
    private readonly now: () => number = Date.now,
  ) {}

  record(entry: Omit<TraceEntry, 'id' | 'at'>): TraceEntry {
    const full: TraceEntry = { ...entry, id: ++this.seq, at: this.now() };
    this.entries = [...this.entries, full].slice(-this.capacity);
    for (const l of this.listeners) l();
    return full;
  }

  /** A stable snapshot (a new array after each change). */
  list(): readonly TraceEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
