/** Every way a webcall link can fail to open, as a typed value (the sentences: link-error-text.ts). */

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
