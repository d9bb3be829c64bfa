/**
 * The Admin → Accounts section's server calls and the sign-in screen's sign-up (issue 13). The API
 * module and its zod schemas load on first use, so they stay out of the first paint.
 */
import { createHttp } from '../api';
import type { AccountsApi } from '../api/accounts';
import type { SignupApi } from '../api/signup';
import { appHttp } from './phone-bridge-instance';

export type { AdminAccount, AccountWithPassword } from '../api/account-schemas';

const http = appHttp();
const publicHttp = createHttp();
let accounts: Promise<AccountsApi> | null = null;
let signup: Promise<SignupApi> | null = null;

export function adminAccountsApi(): Promise<AccountsApi> {
  accounts ??= import('../api/accounts').then((m) => m.accountsApi(http));
  return accounts;
}

export function signupService(): Promise<SignupApi> {
  signup ??= import('../api/signup').then((m) => m.signupApi(publicHttp));
  return signup;
}

/** Field validation for the forms, with the rules the server applies (loaded with the schemas). */
export const accountValidation = () => import('../api/account-schemas');
