/**
 * The join page's widget configuration (issue 14), as the customer SDK's widget configuration does it:
 * set by the operator with the webphone configuration (Admin → Configuration → Join page), served to
 * customers on the public `GET /api/webcall/widget`. Its own small module: the join page loads it
 * without the rest of the webphone schema, in zod/mini for the join page's budget (docs/performance.md).
 */
import { z } from 'zod/mini';
import { JOIN_LANGUAGES, MAX_RECONNECT_SECONDS, MIN_RECONNECT_SECONDS } from './join-widget-defaults';

export {
  DEFAULT_JOIN_WIDGET,
  JOIN_LANGUAGES,
  MAX_RECONNECT_SECONDS,
  MIN_RECONNECT_SECONDS,
  type JoinLanguage,
} from './join-widget-defaults';

export const JoinWidget = z.object({
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
  /** Sending files in the room chat: not built for rooms yet, so it can only be off. */
  fileTransfer: z.literal(false, {
    error: () => 'File transfer is not available for webcall rooms yet: leave it off.',
  }),
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
});
export type JoinWidget = z.infer<typeof JoinWidget>;

/** `GET /api/webcall/widget` (public, cacheable). */
export const JoinWidgetResponse = z.object({ widget: JoinWidget });
export type JoinWidgetResponse = z.infer<typeof JoinWidgetResponse>;
