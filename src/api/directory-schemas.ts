/**
 * Wire schemas of the company directory (`GET /api/phonebook`), shared by the app and the server.
 * Kept apart from schemas.ts so the directory can change without touching every feature's shapes.
 */
import { z } from 'zod/mini';

/** Page size the server uses when the client does not ask for one, and the most it will send. */
export const PHONEBOOK_DEFAULT_LIMIT = 1000;
export const PHONEBOOK_MAX_LIMIT = 5000;

export const DirectoryPhone = z.object({
  label: z.string().check(z.maxLength(40)),
  /** E.164 (`+442079460123`) for outside numbers, the bare extension (`1002`) for SIP accounts. */
  number: z.string().check(z.minLength(1), z.maxLength(40)),
});
export type DirectoryPhone = z.infer<typeof DirectoryPhone>;

/** One person or account in the company directory (ConnexCS: Class 5 phonebook). */
export const DirectoryEntry = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(80)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  organization: z.string().check(z.maxLength(200)),
  phones: z.array(DirectoryPhone).check(z.maxLength(20)),
  /** The SIP account's username when this entry is an account on this server. */
  sipUser: z.nullable(z.string().check(z.maxLength(64))),
  email: z.string().check(z.maxLength(200)),
  notes: z.string().check(z.maxLength(2000)),
  /** Epoch ms of the last change. */
  updatedAt: z.int().check(z.nonnegative()),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/**
 * `GET /api/phonebook?since=<rev>&limit=<n>`: every entry changed after revision `since`, oldest
 * change first, plus the ids deleted since then (tombstones). `rev` is the revision to ask from next
 * time; `more` says another page is waiting. With `If-None-Match` equal to the ETag of a complete
 * sync (`"pb-<rev>"`), the server answers 304 while nothing has changed.
 */
export const PhonebookPage = z.object({
  rev: z.int().check(z.nonnegative()),
  entries: z.array(DirectoryEntry).check(z.maxLength(PHONEBOOK_MAX_LIMIT)),
  deleted: z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(PHONEBOOK_MAX_LIMIT)),
  more: z.boolean(),
});
export type PhonebookPage = z.infer<typeof PhonebookPage>;

/** The ETag naming directory revision `rev` (a strong validator: same rev, same content). */
export function phonebookEtag(rev: number): string {
  return `"pb-${rev}"`;
}
