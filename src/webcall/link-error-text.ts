/**
 * What the join page says for each link error, in the active language (ui catalog). Kept apart from
 * errors.ts, which the server and the e2e support code load in Node, where Lingui's macros are not compiled.
 */
import { t } from '@lingui/core/macro';
import type { LinkError } from './errors';

/** Plain language, and what to do next. */
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
