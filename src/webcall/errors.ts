/** Every way a webcall link can fail to open, as a typed value with a sentence for the customer. */
import { t } from '@lingui/core/macro';

export type LinkErrorCode =
  | 'malformed'
  | 'unknown-version'
  | 'wrong-password'
  | 'tampered'
  | 'expired'
  | 'unsupported-provider'
  /** A link from before links were signed (format 1). */
  | 'unsigned'
  /** The signature does not verify with the serving origin's key: made elsewhere, or changed. */
  | 'forged'
  /** Signed, but names a SIP server, ICE server or Sendbird app this site does not publish. */
  | 'foreign-server'
  /** The page could not read the serving origin's key and settings, so it cannot check the link. */
  | 'unverifiable';

export class LinkError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    message: string,
    /** For `expired`: when the link stopped working. */
    readonly expiredAt: Date | null = null,
    /** For `unsupported-provider`: the provider the link names. */
    readonly provider: string | null = null,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

export type LinkResult<T> = { ok: true; value: T } | { ok: false; error: LinkError };

export const ok = <T>(value: T): LinkResult<T> => ({ ok: true, value });
export const fail = <T>(
  code: LinkErrorCode,
  detail: string,
  extra: { expiredAt?: Date; provider?: string } = {},
): LinkResult<T> => ({
  ok: false,
  error: new LinkError(code, detail, extra.expiredAt ?? null, extra.provider ?? null),
});

/** What the join page says for each error (plain language, what to do next), in the active language. */
export function describeLinkError(error: LinkError, formatTime: (d: Date) => string): string {
  switch (error.code) {
    case 'malformed':
      return t`This call link is incomplete or not a call link. Open the whole link from the message you received, or ask for a new one.`;
    case 'unknown-version':
      return t`This call link was made by a newer version of the service. Reload the page, or ask for a new link.`;
    case 'wrong-password':
      return t`That password is not right. Check it and try again.`;
    case 'tampered':
      return t`This link was changed or damaged on the way. Ask for a new link.`;
    case 'expired': {
      const when = error.expiredAt ? formatTime(error.expiredAt) : '';
      return error.expiredAt
        ? t`This link expired at ${when}. Ask for a new one.`
        : t`This link has expired. Ask for a new one.`;
    }
    case 'unsupported-provider':
      return t`This call link uses a call service this page does not support. Ask for a new link.`;
    case 'unsigned':
      return t`This call link is in an old format that is no longer accepted. Ask for a new link.`;
    case 'forged':
      return t`This call link was not made by this site, or was changed after it was made. Do not use it: ask the person who invited you for a new link.`;
    case 'foreign-server':
      return t`This call link would connect you to a call service that this site does not run, so it was stopped. Do not use it: ask the person who invited you for a new link.`;
    case 'unverifiable':
      return t`This page cannot check the call link with its server right now. Check your connection, then open the link again from the message you received.`;
  }
}
