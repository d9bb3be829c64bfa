/**
 * The join page's widget configuration (issue 14), as the customer SDK's widget configuration does it:
 * set by the operator with the webphone configuration (Admin → Configuration → Join page), served to
 * customers on the public `GET /api/webcall/widget`. Its own small module: the join page loads it
 * without the rest of the webphone schema, in zod/mini for the join page's budget (docs/performance.md).
 */
import { z } from 'zod/mini';
import {
  DEFAULT_PRECHAT,
  JOIN_LANGUAGES,
  MAX_PRECHAT_FIELDS,
  MAX_RECONNECT_SECONDS,
  MIN_RECONNECT_SECONDS,
  PRECHAT_FIELD_TYPES,
} from './join-widget-defaults';

export {
  DEFAULT_JOIN_WIDGET,
  DEFAULT_PRECHAT,
  MAX_PRECHAT_ANSWER,
  MAX_PRECHAT_FIELDS,
  PRECHAT_FIELD_TYPES,
  JOIN_LANGUAGES,
  MAX_RECONNECT_SECONDS,
  MIN_RECONNECT_SECONDS,
  type JoinLanguage,
} from './join-widget-defaults';

/** A pre-chat field, in the ConnexCS form schema's terms (type, name, label, required, options). */
export const PreChatField = z.object({
  name: z
    .string()
    .check(
      z.regex(/^[a-z][a-z0-9_]{0,31}$/, 'A name of lower-case letters, digits and _, e.g. order_number.'),
    ),
  label: z
    .string()
    .check(z.trim(), z.minLength(1, 'Give the field a label.'), z.maxLength(60, 'At most 60 characters.')),
  type: z.enum(PRECHAT_FIELD_TYPES, {
    error: () => `A type the pre-chat form has: ${PRECHAT_FIELD_TYPES.join(', ')}.`,
  }),
  required: z.boolean(),
  /** A select's choices. */
  options: z.optional(
    z
      .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))
      .check(z.maxLength(20, 'At most 20 options.')),
  ),
});
export type PreChatField = z.infer<typeof PreChatField>;

export const PreChat = z.object({
  /** Customers answer the form before they can chat or join. */
  enabled: z.boolean(),
  fields: z.array(PreChatField).check(
    z.minLength(1, 'A pre-chat form needs at least one field.'),
    z.maxLength(MAX_PRECHAT_FIELDS, `At most ${MAX_PRECHAT_FIELDS} fields.`),
    z.refine(
      (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
      'A field name is used twice.',
    ),
    z.refine(
      (fields) => fields.every((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0),
      'A select field needs its options.',
    ),
  ),
});
export type PreChat = z.infer<typeof PreChat>;

/**
 * What the join page reads (`GET /api/webcall/widget`): every setting but the opening hours, which stay
 * on the server (it answers only free/busy/closed, ADR 0026) and so stay out of the page's bundle.
 */
export const JoinPageWidget = z.object({
  /** The page's heading and the browser tab's title. */
  title: z
    .string()
    .check(z.trim(), z.minLength(1, 'Give the page a title.'), z.maxLength(60, 'At most 60 characters.')),
  /** The colour of the page's buttons and links. */
  themeColor: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #rrggbb.')),
  language: z.enum(JOIN_LANGUAGES, {
    error: () => `One of: ${JOIN_LANGUAGES.join(', ')} (browser follows the customer's browser).`,
  }),
  /** The chat's emoji buttons. */
  emoji: z.boolean(),
  /** Sending images and PDFs in the room chat, both ways (ADR 0030); off by default. */
  fileTransfer: z.boolean(),
  /** The customer may make the page's text larger or smaller. */
  fontResize: z.boolean(),
  /** The chat's "Download transcript" button. */
  transcript: z.boolean(),
  /** The longest wait, in seconds, between tries to restore a lost chat connection. */
  reconnectSeconds: z
    .int('A whole number of seconds.')
    .check(
      z.gte(MIN_RECONNECT_SECONDS, `At least ${MIN_RECONNECT_SECONDS} seconds.`),
      z.lte(MAX_RECONNECT_SECONDS, `At most ${MAX_RECONNECT_SECONDS} seconds.`),
    ),
  /** The pre-chat form; saved before it existed: name, e-mail, reason, off. */
  preChat: z._default(PreChat, DEFAULT_PRECHAT),
});
export type JoinPageWidget = z.infer<typeof JoinPageWidget>;

// The saved settings (`JoinWidget`, with the opening hours) are in ./join-widget-config.ts, apart, so
// that the join page's bundle does not carry the opening hours' schema (docs/performance.md).

/** `GET /api/webcall/widget` (public, cacheable). */
export const JoinWidgetResponse = z.object({ widget: JoinPageWidget });
export type JoinWidgetResponse = z.infer<typeof JoinWidgetResponse>;
