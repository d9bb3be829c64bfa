/**
 * The operator's join page settings as saved in the webphone configuration (Admin → Configuration →
 * Join page): what the join page reads (./join-widget-schemas.ts) plus the opening hours (ADR 0026),
 * which only the server evaluates. Its own module so that the join page never bundles their schema.
 */
import { z } from 'zod/mini';
import { JoinPageWidget } from './join-widget-schemas';
import { ALWAYS_OPEN, OpeningHours } from './opening-hours';

export const JoinWidget = z.extend(JoinPageWidget, {
  /** When customers can join; saved before it existed, or no periods: always open. */
  openingHours: z._default(OpeningHours, ALWAYS_OPEN),
});
export type JoinWidget = z.infer<typeof JoinWidget>;
