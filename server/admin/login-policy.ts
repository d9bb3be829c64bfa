/**
 * Who may sign in (issue 13): one rule for the API sign-in, every later API request of a session,
 * ephemeral SIP credentials and REGISTER/requests on the embedded registrar, so they never disagree.
 *
 * - A disabled account is refused (`account_disabled`).
 * - Restrict Customer Login on: an account whose company is not in `allowedCompanies` (compared
 *   trimmed and case-insensitively; no company counts as not listed) is refused (`company_not_allowed`).
 *   Admins are exempt, so the operator can always reach the Admin tab to change the list.
 */
import type { WebphoneConfig } from '../../src/api/webphone-schemas';
import type { Account } from '../accounts';

export interface LoginRefusal {
  /** 403's `error` code. */
  code: 'account_disabled' | 'company_not_allowed';
  /** The sentence the user sees. */
  message: string;
}

type PolicyConfig = Pick<WebphoneConfig, 'flags' | 'allowedCompanies'>;

const norm = (s: string) => s.trim().toLowerCase();

export function loginRefusal(
  account: Pick<Account, 'role' | 'company' | 'disabledAt'>,
  config: PolicyConfig,
): LoginRefusal | null {
  if (account.disabledAt !== null) {
    return {
      code: 'account_disabled',
      message: 'This account is disabled. Ask your administrator to enable it.',
    };
  }
  if (!config.flags.restrictLogin || account.role === 'admin') return null;
  const allowed = new Set(config.allowedCompanies.map(norm));
  if (account.company !== null && allowed.has(norm(account.company))) return null;
  return {
    code: 'company_not_allowed',
    message:
      account.company === null
        ? 'Accounts without a company cannot sign in here.'
        : `Accounts of ${account.company} cannot sign in here.`,
  };
}
