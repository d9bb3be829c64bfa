import { i18n as globalI18n, type I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { serverMessage } from './builder-messages';

/**
 * The sentence to show for a refused account action, in the active language: the server's error codes
 * that an admin meets in Admin → Accounts have their own translated sentence; a validation message
 * (`password: Too weak: …`) is worded by `serverMessage`, its field prefix kept; anything else (an
 * unreachable server) is shown as it came.
 */
export function accountProblem(e: unknown, username: string, i18n: I18n = globalI18n): string {
  // An ApiClientError's `code` (read by shape: screens do not import the api layer's values).
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : null;
  switch (code) {
    case 'username_taken':
      return i18n._(msg`The username ${username} is taken: choose another.`);
    case 'last_admin':
      return i18n._(msg`${username} is the last administrator: make another account admin first.`);
    case 'self_disable':
      return i18n._(msg`You cannot disable your own account.`);
    case 'not_found':
      return i18n._(msg`There is no account ${username}.`);
    case 'forbidden':
      return i18n._(msg`Only an administrator can do this.`);
  }
  return serverMessage(i18n, e instanceof Error ? e.message : String(e));
}
