/**
 * Debug mode's SIP trace (issue 13): when on, every SIP message sent or received on the WebSocket is
 * masked, written to the console and kept in a bounded log the user can copy or download for support.
 * sip.js's transport traces each frame through its logger (`traceSip`); `sipLogConnector` is the
 * UserAgent's `logConnector`, so warnings and errors still reach the console as they always did and
 * the frames are dropped unless the trace is on.
 */
import type { LogConnector } from 'sip.js';

export interface TraceEntry {
  at: number;
  direction: 'sent' | 'received';
  /** The SIP message with secrets masked. */
  text: string;
}

/** The log keeps the newest entries within both bounds. */
export const TRACE_MAX_ENTRIES = 300;
export const TRACE_MAX_CHARS = 512 * 1024;

const MASK = '••••';

/**
 * Masks what must not leave the device in a support log: digest responses, nonces and cnonces in
 * (Proxy-)Authorization and their challenges, any `password=`, and the SDP's ICE password (an
 * ephemeral credential). Usernames, numbers and Call-IDs stay: support needs them.
 */
export function maskSipMessage(text: string): string {
  return text
    .replace(
      /^((?:Proxy-)?Authori[sz]ation|(?:WWW|Proxy)-Authenticate)(\s*:.*)$/gim,
      (_line, name: string, rest: string) =>
        name +
        rest.replace(
          /\b(response|nonce|cnonce|opaque)\s*=\s*("[^"]*"|[^,\s]*)/gi,
          (_m, key: string) => `${key}="${MASK}"`,
        ),
    )
    .replace(/\b(password|passwd|credential)(\s*[=:]\s*)("[^"]*"|[^;,\s&"]+)/gi, `$1$2${MASK}`)
    .replace(/^(a=ice-pwd:).*$/gim, `$1${MASK}`)
    .replace(/^(a=crypto:\d+ \S+ inline:)\S+/gim, `$1${MASK}`);
}

type Listener = () => void;

export class SipTrace {
  private entries: TraceEntry[] = [];
  private chars = 0;
  private on = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly console: Pick<Console, 'debug'> = globalThis.console,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  setEnabled(on: boolean): void {
    if (this.on === on) return;
    this.on = on;
    this.emit();
  }

  /** Called with each frame from sip.js; ignored while the trace is off. */
  record(direction: TraceEntry['direction'], raw: string): void {
    if (!this.on) return;
    const text = maskSipMessage(raw.trim());
    const entry: TraceEntry = { at: this.now(), direction, text };
    this.console.debug(`[sip ${direction}]\n${text}`);
    this.entries.push(entry);
    this.chars += text.length;
    while (this.entries.length > TRACE_MAX_ENTRIES || this.chars > TRACE_MAX_CHARS) {
      this.chars -= this.entries.shift()!.text.length;
    }
    this.emit();
  }

  list(): readonly TraceEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
    this.chars = 0;
    this.emit();
  }

  /** Plain text for copy and download. */
  text(): string {
    return this.entries
      .map((e) => `--- ${new Date(e.at).toISOString()} ${e.direction}\n${e.text}\n`)
      .join('\n');
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** sip.js `logConnector`: frames into the trace, warnings and errors to the console. */
  readonly connector: LogConnector = (level, category, _label, content) => {
    if (level === 'error') return console.error(`${category} | ${content}`);
    if (level === 'warn') return console.warn(`${category} | ${content}`);
    if (!this.on || !category.endsWith('sip.Transport')) return;
    const frame = /^(Sending|Received) WebSocket (?:text |binary )?message:\s*([\s\S]+)$/.exec(content);
    if (frame) this.record(frame[1] === 'Sending' ? 'sent' : 'received', frame[2]!);
  };
}

/** The page's one trace (the dialpad's `*#0*#` toggles it; Settings shows it). */
export const sipTrace = new SipTrace();
