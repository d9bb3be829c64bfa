/**
 * Webcall configuration (environment variables → ServerOptions), spread into server/config.ts:
 *
 *   SENDBIRD_APP_ID          with SENDBIRD_API_TOKEN: rooms are Sendbird rooms (else self-hosted SIP)
 *   SENDBIRD_API_TOKEN       Platform API token; never leaves the server
 *   SENDBIRD_API_BASE        override of https://api-<app>.sendbird.com (tests, proxies)
 *   SENDBIRD_CALLS_API_BASE  override of https://api-<app>.calls.sendbird.com
 *   WEBCALL_WEBHOOK_URL      outbound webhook for "Send via channel" (BYOC: SMS/WhatsApp gateway)
 */
import { z } from 'zod';

export interface WebcallOptions {
  sendbirdAppId: string;
  sendbirdApiToken: string;
  sendbirdApiBase: string;
  sendbirdCallsApiBase: string;
  webcallWebhookUrl: string;
}

export const DEFAULT_WEBCALL_OPTIONS: WebcallOptions = {
  sendbirdAppId: '',
  sendbirdApiToken: '',
  sendbirdApiBase: '',
  sendbirdCallsApiBase: '',
  webcallWebhookUrl: '',
};

const httpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+/i, 'must be an http:// or https:// URL');

export const WEBCALL_ENV = {
  SENDBIRD_APP_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a Sendbird application id')
    .optional(),
  SENDBIRD_API_TOKEN: z.string().trim().min(1).optional(),
  SENDBIRD_API_BASE: httpUrl.optional(),
  SENDBIRD_CALLS_API_BASE: httpUrl.optional(),
  WEBCALL_WEBHOOK_URL: httpUrl.optional(),
};

type WebcallEnv = { [K in keyof typeof WEBCALL_ENV]?: z.infer<(typeof WEBCALL_ENV)[K]> };

export function webcallOptionsFromEnv(e: WebcallEnv): Partial<WebcallOptions> {
  const out: Partial<WebcallOptions> = {};
  if (e.SENDBIRD_APP_ID !== undefined) out.sendbirdAppId = e.SENDBIRD_APP_ID;
  if (e.SENDBIRD_API_TOKEN !== undefined) out.sendbirdApiToken = e.SENDBIRD_API_TOKEN;
  if (e.SENDBIRD_API_BASE !== undefined) out.sendbirdApiBase = e.SENDBIRD_API_BASE;
  if (e.SENDBIRD_CALLS_API_BASE !== undefined) out.sendbirdCallsApiBase = e.SENDBIRD_CALLS_API_BASE;
  if (e.WEBCALL_WEBHOOK_URL !== undefined) out.webcallWebhookUrl = e.WEBCALL_WEBHOOK_URL;
  return out;
}
