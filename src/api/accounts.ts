/** Accounts administration (admins) and self sign-up (public while Register is on): issue 13. */
import type { Http } from './client';
import {
  AccountWithPassword,
  AdminAccount,
  AdminAccountList,
  SignupResponse,
  SignupStatus,
  type AccountCreate,
  type AccountUpdate,
  type SignupRequest,
} from './account-schemas';

export interface AccountsApi {
  /** `GET /api/admin/accounts?q=`. */
  list(query?: string): Promise<AdminAccount[]>;
  /** `POST /api/admin/accounts`: `password` in the answer only when the server generated it. */
  create(input: AccountCreate): Promise<AccountWithPassword>;
  /** `PUT /api/admin/accounts/:username`. */
  update(username: string, input: AccountUpdate): Promise<AdminAccount>;
  /** `POST /api/admin/accounts/:username/enabled`. */
  setEnabled(username: string, enabled: boolean): Promise<AdminAccount>;
  /** `POST /api/admin/accounts/:username/password`: a generated password, answered once. */
  resetPassword(username: string): Promise<AccountWithPassword>;
}

const path = (username: string) => `/api/admin/accounts/${encodeURIComponent(username)}`;

export function accountsApi(http: Http): AccountsApi {
  return {
    list: async (query = '') =>
      (await http.request('GET', `/api/admin/accounts?q=${encodeURIComponent(query)}`, AdminAccountList))
        .accounts,
    create: (input) => http.request('POST', '/api/admin/accounts', AccountWithPassword, { body: input }),
    update: (username, input) => http.request('PUT', path(username), AdminAccount, { body: input }),
    setEnabled: (username, enabled) =>
      http.request('POST', `${path(username)}/enabled`, AdminAccount, { body: { enabled } }),
    resetPassword: (username) =>
      http.request('POST', `${path(username)}/password`, AccountWithPassword, { body: {} }),
  };
}

export interface SignupApi {
  /** `GET /api/signup`: whether "Create account" is offered. */
  enabled(): Promise<boolean>;
  /** `POST /api/signup`: the operator's success message. */
  signup(input: SignupRequest): Promise<SignupResponse>;
}

export function signupApi(http: Http): SignupApi {
  return {
    enabled: async () => (await http.request('GET', '/api/signup', SignupStatus)).enabled,
    signup: (input) => http.request('POST', '/api/signup', SignupResponse, { body: input }),
  };
}
