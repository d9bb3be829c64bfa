/**
 * Openline embed SDK (issue 13, ADR 0018): mounts Openline in an iframe on a host page (a helpdesk
 * ticket sidebar, a CRM) and talks to it over postMessage. No dependencies; served by the Openline
 * server at `/embed/openline-embed.js`:
 *
 * ```js
 * import { Openline } from 'https://phone.example.com/embed/openline-embed.js';
 * const phone = Openline.mount(document.getElementById('phone'), { url: 'https://phone.example.com/' });
 * phone.on('answered', (call) => console.log('talking to', call.number));
 * await phone.makeCall('+442079460018');
 * ```
 *
 * Messages are accepted only from the iframe's window and the app's origin; everything is sent to
 * that exact origin, never '*'. The app itself only answers host origins on the operator's allow-list.
 */

import { ERROR_CODES, EVENT_NAMES, PROTOCOL_VERSION, type ErrorCode } from './protocol';

export { PROTOCOL_VERSION };

/** The app's error codes, plus the SDK's own: `timeout` (no answer in time) and `destroyed`. */
export type OpenlineErrorCode = ErrorCode | 'timeout' | 'destroyed';

export class OpenlineError extends Error {
  constructor(
    readonly code: OpenlineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OpenlineError';
  }
}

export interface CallInfo {
  callId: string;
  direction: 'incoming' | 'outgoing';
  number: string;
  displayName: string | null;
}

export interface OpenlineEvents {
  /** The SIP registration state: `registered`, `unregistered`, `registering`, `reconnecting`, `failed`… */
  registration: { state: string };
  incoming: CallInfo;
  answered: CallInfo;
  ended: CallInfo & { reason: string | null; status: number | null };
}
export type OpenlineEventName = keyof OpenlineEvents;

export interface MountOptions {
  /** The Openline app's address, e.g. `https://phone.example.com/`. */
  url: string;
  /** How long a command may wait for an answer (including the handshake), in ms. Default 15000. */
  timeoutMs?: number;
  /** The iframe's accessible name. Default "Openline phone". */
  title?: string;
  /** What the iframe may use. Default microphone, camera, autoplay, display capture, speaker selection. */
  allow?: string;
}

export const DEFAULT_ALLOW =
  'microphone; camera; autoplay; display-capture; speaker-selection; clipboard-write';
const HELLO_EVERY_MS = 500;

interface Pending {
  resolve(value: unknown): void;
  reject(error: OpenlineError): void;
  timer: ReturnType<typeof setTimeout>;
}

type Listener = (data: never) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether `value` is one of `list` (a readonly tuple of string literals). */
function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function toError(raw: unknown): OpenlineError {
  if (isRecord(raw) && typeof raw.code === 'string' && oneOf(ERROR_CODES, raw.code)) {
    return new OpenlineError(raw.code, String(raw.message ?? raw.code));
  }
  return new OpenlineError('failed', 'Openline answered with an unknown error.');
}

export class OpenlineEmbed {
  /** The iframe showing Openline (style it as you like). */
  readonly iframe: HTMLIFrameElement;
  /** The app's origin: the only one messages are accepted from and sent to. */
  readonly origin: string;
  /**
   * Settles when the app has answered the handshake (once the user has signed in inside the frame),
   * with the registration state; rejects with `origin_not_allowed` when the app refuses this page.
   */
  readonly ready: Promise<{ registration: string }>;

  private readonly timeoutMs: number;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly helloId: string;
  private helloTimer: ReturnType<typeof setInterval> | null = null;
  private settleReady!: { resolve(v: { registration: string }): void; reject(e: OpenlineError): void };
  private isReady = false;
  /** The iframe has loaded a document (before that its window is about:blank, on the host's origin). */
  private loaded = false;
  private nextId = 0;
  private destroyed = false;

  constructor(container: HTMLElement, options: MountOptions) {
    const url = new URL(options.url, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new OpenlineError('bad_request', 'The Openline url must be http(s).');
    }
    this.origin = url.origin;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.helloId = this.newId();
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined); // a page that never awaits it gets no unhandled rejection

    window.addEventListener('message', this.onMessage);
    const iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = options.title ?? 'Openline phone';
    iframe.allow = options.allow ?? DEFAULT_ALLOW;
    iframe.setAttribute('data-openline', '');
    this.iframe = iframe;
    container.appendChild(iframe);
    // The app answers only once it knows its allow-list (after sign-in): say hello until it does.
    this.helloTimer = setInterval(() => this.sayHello(), HELLO_EVERY_MS);
    iframe.addEventListener('load', () => {
      this.loaded = true;
      this.sayHello();
    });
  }

  /** Dials `number` (digits, optional +, * and #; spaces and dashes are ignored). */
  makeCall(number: string): Promise<{ callId: string }> {
    return this.command({ command: 'makeCall', number }) as Promise<{ callId: string }>;
  }

  /** Ends the current call. */
  hangup(): Promise<{ callId: string }> {
    return this.command({ command: 'hangup' }) as Promise<{ callId: string }>;
  }

  /** Creates a webcall link for a customer (agents only), as the Agent tab does. */
  sendWebcallLink(ticket: string, name: string): Promise<{ url: string; expiresAt: number }> {
    return this.command({ command: 'sendWebcallLink', ticket, name }) as Promise<{
      url: string;
      expiresAt: number;
    }>;
  }

  /** Calls `listener` for every `event`; returns the function that stops it. */
  on<E extends OpenlineEventName>(event: E, listener: (data: OpenlineEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Removes the iframe and stops listening; pending commands reject with `destroyed`. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopHello();
    window.removeEventListener('message', this.onMessage);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new OpenlineError('destroyed', 'The Openline frame was removed.'));
      this.pending.delete(id);
    }
    this.settleReady.reject(new OpenlineError('destroyed', 'The Openline frame was removed.'));
    this.iframe.remove();
  }

  private newId(): string {
    this.nextId += 1;
    return `ol-${Date.now().toString(36)}-${this.nextId}`;
  }

  private post(message: Record<string, unknown>): void {
    this.iframe.contentWindow?.postMessage({ openline: PROTOCOL_VERSION, ...message }, this.origin);
  }

  private sayHello(): void {
    if (this.loaded && !this.isReady && !this.destroyed) this.post({ type: 'hello', id: this.helloId });
  }

  private stopHello(): void {
    if (this.helloTimer !== null) clearInterval(this.helloTimer);
    this.helloTimer = null;
  }

  private async command(body: Record<string, unknown>): Promise<unknown> {
    if (this.destroyed) throw new OpenlineError('destroyed', 'The Openline frame was removed.');
    const deadline = Date.now() + this.timeoutMs;
    if (!this.isReady) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new OpenlineError('timeout', 'Openline did not answer: is the user signed in?')),
          this.timeoutMs,
        );
      });
      try {
        await Promise.race([this.ready, timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    const id = this.newId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new OpenlineError('timeout', `Openline did not answer ${String(body.command)} in time.`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.pending.set(id, { resolve, reject, timer });
      this.post({ type: 'command', id, ...body });
    });
  }

  private readonly onMessage = (event: MessageEvent): void => {
    // Only the frame we created, and only while it shows the app's origin.
    if (event.source !== this.iframe.contentWindow || event.origin !== this.origin) return;
    const data: unknown = event.data;
    if (!isRecord(data) || data.openline !== PROTOCOL_VERSION || typeof data.type !== 'string') return;
    if (data.type === 'ready' && data.id === this.helloId) {
      this.isReady = true;
      this.stopHello();
      this.settleReady.resolve({ registration: String(data.registration) });
      return;
    }
    if (data.type === 'result' && typeof data.id === 'string') {
      if (data.id === this.helloId && data.ok === false) {
        this.stopHello();
        this.settleReady.reject(toError(data.error));
        return;
      }
      const pending = this.pending.get(data.id);
      if (!pending) return;
      this.pending.delete(data.id);
      clearTimeout(pending.timer);
      if (data.ok === true) pending.resolve(data.value);
      else pending.reject(toError(data.error));
      return;
    }
    if (data.type === 'event' && typeof data.event === 'string' && oneOf(EVENT_NAMES, data.event)) {
      const payload = isRecord(data.data) ? data.data : {};
      for (const listener of this.listeners.get(data.event) ?? []) {
        try {
          (listener as (d: unknown) => void)(payload);
        } catch (error) {
          console.error('Openline: an event listener threw', error);
        }
      }
    }
  };
}

export const Openline = {
  /** Creates the Openline iframe inside `container` and starts the handshake. */
  mount(container: HTMLElement, options: MountOptions): OpenlineEmbed {
    return new OpenlineEmbed(container, options);
  },
};
