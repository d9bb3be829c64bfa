/**
 * The framed app's side of the postMessage link (ADR 0018): listens to its parent window only, lets
 * the origin gate decide, runs commands, and sends results and events to the host's exact origin
 * (never '*'). Events start after a successful hello, so a page that never said hello hears nothing.
 */
import { CommandError, runCommand, type CommandDeps } from './commands';
import { gate } from './origin-gate';
import {
  parseHostMessage,
  PROTOCOL_VERSION,
  type AppMessage,
  type EmbedError,
  type EventName,
} from './protocol';

export interface HostWindow {
  postMessage(message: AppMessage, targetOrigin: string): void;
}

export interface HostLinkDeps extends CommandDeps {
  /** The window this app listens to: `window.parent`. */
  parent: HostWindow;
  /** Where messages arrive: `window`. */
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** The allow-list, or null while the app does not know it yet. */
  allowedOrigins(): readonly string[] | null;
  registrationState(): string;
}

export interface HostLink {
  /** Sends an event to the host, once it has said hello from an allowed origin. */
  emit(event: EventName, data: Record<string, unknown>): void;
  dispose(): void;
}

export function createHostLink(deps: HostLinkDeps): HostLink {
  /** The origin that completed the hello handshake: the only one events go to. */
  let host: string | null = null;

  const reply = (origin: string, message: AppMessage) => deps.parent.postMessage(message, origin);
  const fail = (origin: string, id: string, error: EmbedError) =>
    reply(origin, { openline: PROTOCOL_VERSION, type: 'result', id, ok: false, error });

  const onMessage = (event: MessageEvent) => {
    const verdict = gate({
      allowed: deps.allowedOrigins(),
      origin: event.origin,
      fromParent: event.source === (deps.parent as unknown),
    });
    if (verdict === 'ignore') return;
    const parsed = parseHostMessage(event.data);
    if (parsed.kind === 'not_ours') return;
    const id = parsed.kind === 'ok' ? parsed.message.id : parsed.id;
    if (verdict === 'refuse') {
      if (id && event.origin !== 'null') {
        fail(event.origin, id, {
          code: 'origin_not_allowed',
          message: `${event.origin} is not on this Openline's embedding allow-list.`,
        });
      }
      return;
    }
    if (parsed.kind === 'bad') {
      if (id) fail(event.origin, id, parsed.error);
      return;
    }
    const message = parsed.message;
    if (message.type === 'hello') {
      host = event.origin;
      const registration = deps.registrationState();
      reply(host, { openline: PROTOCOL_VERSION, type: 'ready', id: message.id, registration });
      // The state so far, as the first registration event: listeners see every state from here on.
      reply(host, {
        openline: PROTOCOL_VERSION,
        type: 'event',
        event: 'registration',
        data: { state: registration },
      });
      return;
    }
    const origin = event.origin;
    runCommand(message, deps).then(
      (value) =>
        reply(origin, { openline: PROTOCOL_VERSION, type: 'result', id: message.id, ok: true, value }),
      (error: unknown) =>
        fail(
          origin,
          message.id,
          error instanceof CommandError
            ? { code: error.code, message: error.message }
            : { code: 'failed', message: error instanceof Error ? error.message : String(error) },
        ),
    );
  };

  deps.target.addEventListener('message', onMessage);
  return {
    emit(event, data) {
      // The list may have changed since the hello: an origin taken off it hears nothing more.
      const allowed = deps.allowedOrigins();
      if (!host || !allowed?.includes(host)) return;
      deps.parent.postMessage({ openline: PROTOCOL_VERSION, type: 'event', event, data }, host);
    },
    dispose: () => deps.target.removeEventListener('message', onMessage),
  };
}
