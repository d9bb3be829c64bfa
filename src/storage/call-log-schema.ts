import { z } from 'zod/mini';

/**
 * One call-log entry as stored (IndexedDB store `callLog`, schema v2). Entries belong to one
 * account (`account` = the SIP address of the signed-in user, e.g. `1001@openline.local`), so two
 * accounts on one device never see each other's calls.
 *
 * `outcome` is what the user sees ("Missed", "Busy"); `endReason` and `sipStatus` keep what the
 * phone engine knew, so a later version can explain or re-map an entry without guessing.
 */
export const CALL_OUTCOMES = [
  'answered',
  'missed',
  'declined',
  'cancelled',
  'busy',
  'no-answer',
  'unavailable',
  'answered-elsewhere',
  'failed',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const text = (max: number) => z.string().check(z.maxLength(max));
const epochMs = z.int().check(z.nonnegative());

/** What a webcall room entry keeps beyond a call's fields: enough to offer "New link" again. */
export const WebcallRoomFacts = z.object({
  roomId: text(64).check(z.minLength(1)),
  provider: z.enum(['sip', 'sendbird']),
  /** The customer's phone as the agent typed it ('' when none), for a new link by SMS/WhatsApp. */
  phone: text(64),
});
export type WebcallRoomFacts = z.infer<typeof WebcallRoomFacts>;

export const CallLogEntry = z.object({
  /** Row format; bump with a migration when the shape changes. */
  v: z.literal(1),
  account: text(320).check(z.minLength(1)),
  /** Unique per account: `call:<direction>:<SIP Call-ID>` or `room:<room id>:<start>`. */
  id: text(600).check(z.minLength(1)),
  kind: z.enum(['call', 'webcall']),
  direction: z.enum(['incoming', 'outgoing']),
  /** `sip:` URI of the other party (or the room's link target for a webcall). */
  remoteUri: text(512),
  /** Extension or number (user part of `remoteUri`). */
  remoteUser: text(256),
  remoteDisplayName: z.nullable(text(256)),
  startedAt: epochMs,
  answeredAt: z.nullable(epochMs),
  endedAt: epochMs,
  /** Talk time: answer to end, 0 when never answered. */
  durationMs: epochMs,
  outcome: z.enum(CALL_OUTCOMES),
  /** The engine's end reason (`remote-hangup`, `busy`, …); for a webcall room how it ended (`room-…`). */
  endReason: text(64),
  sipStatus: z.nullable(z.int().check(z.gte(100), z.lte(699))),
  media: z.enum(['audio', 'video']),
  sipCallId: z.nullable(text(512)),
  /**
   * Webcall rooms only (`kind: 'webcall'`): the room the agent opened. Optional, so rows written
   * before rooms were recorded (and rows of calls) still read as `v: 1`; older readers strip it.
   */
  room: z.optional(WebcallRoomFacts),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

/** Per-account bookkeeping (store `callLogMarks`): when History was last opened (for the badge). */
export const CallLogMark = z.object({
  account: text(320).check(z.minLength(1)),
  historyOpenedAt: epochMs,
});
export type CallLogMark = z.infer<typeof CallLogMark>;
