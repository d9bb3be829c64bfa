/**
 * The embed protocol's vocabulary (issue 13, ADR 0018), written once: the SDK (openline-embed.ts) and
 * the app (src/embed/protocol.ts, which adds the zod schemas) both import it. Plain constants and
 * types only: the SDK has no dependencies, and its build (scripts/embed-sdk-build.ts) bundles this
 * file into the one served `/embed/openline-embed.js`.
 */

/** Every message carries `openline: PROTOCOL_VERSION`; a peer speaking another version is refused. */
export const PROTOCOL_VERSION = 1;

/** How the app says a command failed. */
export const ERROR_CODES = [
  'bad_request',
  'unsupported_version',
  'origin_not_allowed',
  'not_signed_in',
  'invalid_number',
  'busy',
  'no_call',
  'forbidden',
  'failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The events the app sends to the host. */
export const EVENT_NAMES = ['registration', 'incoming', 'answered', 'ended'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
