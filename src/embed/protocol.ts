/**
 * The embed protocol, app side (issue 13, ADR 0018): what a host page may send to the framed app over
 * postMessage, validated with zod, and what the app sends back. Every message carries
 * `openline: PROTOCOL_VERSION`; a host speaking another version gets `unsupported_version`.
 * The vocabulary (version, error codes, event names) is packages/embed/src/protocol.ts, which the SDK
 * imports too (it has no dependencies).
 *
 * ```
 *  host → app  { openline: 1, type: 'hello', id }
 *              { openline: 1, type: 'command', id, command: 'makeCall', number }
 *              { openline: 1, type: 'command', id, command: 'hangup' }
 *              { openline: 1, type: 'command', id, command: 'sendWebcallLink', ticket, name }
 *  app → host  { openline: 1, type: 'ready', id, registration }                 (answers hello)
 *              { openline: 1, type: 'result', id, ok: true, value }             (answers a command)
 *              { openline: 1, type: 'result', id, ok: false, error: { code, message } }
 *              { openline: 1, type: 'event', event, data }
 * ```
 */
import { z } from 'zod';
import {
  ERROR_CODES,
  EVENT_NAMES,
  PROTOCOL_VERSION,
  type ErrorCode,
  type EventName,
} from '../../packages/embed/src/protocol';

/** The vocabulary the SDK shares (packages/embed/src/protocol.ts, dependency-free). */
export { ERROR_CODES, EVENT_NAMES, PROTOCOL_VERSION, type ErrorCode, type EventName };

/** What the app reports to the host: how a command failed, specific enough to act on. */
export interface EmbedError {
  code: ErrorCode;
  message: string;
}

const RequestId = z.string().min(1).max(64);

/** A number the host may dial: digits with an optional leading +, * and #; spaces, dashes, dots and brackets dropped. */
export const DialNumber = z
  .string()
  .max(64)
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9*#]{1,32}$/));

const CommandBase = { openline: z.literal(PROTOCOL_VERSION), type: z.literal('command'), id: RequestId };

const Command = z.discriminatedUnion('command', [
  z.object({ ...CommandBase, command: z.literal('makeCall'), number: z.string().max(64) }),
  z.object({ ...CommandBase, command: z.literal('hangup') }),
  z.object({
    ...CommandBase,
    command: z.literal('sendWebcallLink'),
    ticket: z.string().trim().max(80),
    name: z.string().trim().max(80),
  }),
]);
export type Command = z.infer<typeof Command>;

const Hello = z.object({ openline: z.literal(PROTOCOL_VERSION), type: z.literal('hello'), id: RequestId });

export const HostMessage = z.union([Hello, Command]);
export type HostMessage = z.infer<typeof HostMessage>;

/** What the app reads from an incoming message before trusting it: ours (openline field) and its id. */
export type Parsed =
  | { kind: 'ok'; message: HostMessage }
  | { kind: 'not_ours' }
  | { kind: 'bad'; id: string | null; error: EmbedError };

export function parseHostMessage(data: unknown): Parsed {
  if (typeof data !== 'object' || data === null || !('openline' in data)) return { kind: 'not_ours' };
  const raw = data as { openline: unknown; id?: unknown };
  const id = RequestId.safeParse(raw.id).success ? (raw.id as string) : null;
  if (raw.openline !== PROTOCOL_VERSION) {
    const message = `This app speaks embed protocol ${PROTOCOL_VERSION}; the host sent ${String(raw.openline)}.`;
    return { kind: 'bad', id, error: { code: 'unsupported_version', message } };
  }
  const parsed = HostMessage.safeParse(data);
  if (!parsed.success) {
    const message = `Malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    return { kind: 'bad', id, error: { code: 'bad_request', message } };
  }
  return { kind: 'ok', message: parsed.data };
}

export type AppMessage =
  | { openline: 1; type: 'ready'; id: string; registration: string }
  | { openline: 1; type: 'result'; id: string; ok: true; value: unknown }
  | { openline: 1; type: 'result'; id: string; ok: false; error: EmbedError }
  | { openline: 1; type: 'event'; event: EventName; data: Record<string, unknown> };
