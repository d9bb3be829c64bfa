/**
 * Wire schemas shared by the app (src/api) and the reference server (server/api).
 * Keep this file free of DOM and Node imports: both sides compile it.
 */
import { z } from 'zod';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeS: z.number(),
  sip: z.object({ mode: z.enum(['embedded', 'external']), registrations: z.number().int().nonnegative() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** What the app needs to pre-fill Settings when served by the reference server. */
export const ClientConfig = z.object({
  sipDomain: z.string().min(1),
  /** Absolute ws(s):// URL, or a path such as `/sip` resolved against the page origin. */
  wsUrl: z.string().min(1),
  iceServers: z.array(
    z.object({
      urls: z.union([z.string(), z.array(z.string())]),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ),
  /** Demo usernames the server seeded, shown as hints on the sign-in form. */
  demoAccounts: z.array(z.string()),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export const ApiError = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** `POST /api/session`: the SIP account's username and password. */
export const SessionRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  /** Epoch ms (present on sign-in). */
  expiresAt: z.number().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
