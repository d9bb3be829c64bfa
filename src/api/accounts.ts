/** Accounts administration (admins), issue 13. Self sign-up's calls are `./signup.ts`. */
import type { Http } from './client';
import {
  AccountWithPassword,
  AdminAccount,
  AdminAccountList,
  type AccountCreate,
  type AccountUpdate,
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
