/**
 * Accounts administration rules (issue 13), apart from HTTP: create, edit, disable/enable, reset
 * password, and self sign-up from a template customer. Every change is audited with before/after views
 * that never hold a password or hash; disabling and password resets end the account's API sessions and
 * SIP registrations. Failures are `HttpError`s with a specific code and sentence.
 */
import type { AccountCreate, AccountUpdate, AdminAccount } from '../../src/api/account-schemas';
import type { Role } from '../../src/api/webphone-schemas';
import type { Account, AccountStore } from '../accounts';
import { HttpError } from '../api/router';
import type { AuditWriter } from './audit';
import { generatePassword } from './passwords';

/** Per-account settings a sign-up copies from the template (voicemail today). */
export interface AccountDefaults {
  copy(fromUsername: string, toUsername: string): void;
}

export interface AccountsServiceDeps {
  accounts: AccountStore;
  audit: AuditWriter;
  /** Ends the account's API sessions and closes its SIP connections (bindings go with them). */
  signOut(username: string): void;
  defaults?: AccountDefaults;
  /** An account was created or renamed (the company directory lists accounts by display name). */
  changed?(account: AdminAccount): void;
}

export type CreateInput = Omit<AccountCreate, 'company'> & { company: string | null };
export type UpdateInput = Omit<AccountUpdate, 'company'> & { company: string | null };

export function adminView(a: Account): AdminAccount {
  return {
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    company: a.company,
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
  };
}

/** Sign-ups never become admin: a template that is an admin gives `user`. */
export const signupRole = (templateRole: Role): Role => (templateRole === 'admin' ? 'user' : templateRole);

export class AccountsService {
  constructor(private readonly d: AccountsServiceDeps) {}

  /** Accounts matching `query` (username, display name or company, any case), by username. */
  list(query = ''): AdminAccount[] {
    const q = query.trim().toLowerCase();
    return this.d.accounts
      .list()
      .filter(
        (a) =>
          !q ||
          a.username.includes(q) ||
          a.displayName.toLowerCase().includes(q) ||
          (a.company ?? '').toLowerCase().includes(q),
      )
      .sort((a, b) => a.username.localeCompare(b.username, 'en', { numeric: true }))
      .map(adminView);
  }

  private find(username: string): Account {
    const account = this.d.accounts.get(username);
    if (!account) throw new HttpError(404, 'not_found', `There is no account ${username}.`);
    return account;
  }

  private enabledAdmins(): number {
    return this.d.accounts.list().filter((a) => a.role === 'admin' && a.disabledAt === null).length;
  }

  private taken(username: string): never {
    throw new HttpError(409, 'username_taken', `The username ${username} is taken: choose another.`);
  }

  /** Creates an account; answers the password only when it was generated (shown once). */
  create(actor: string, input: CreateInput): { account: AdminAccount; password?: string } {
    if (this.d.accounts.taken(input.username)) this.taken(input.username);
    const generated = input.password ? undefined : generatePassword();
    const password = input.password || (generated as string);
    const created = this.d.accounts.create({
      username: input.username,
      displayName: input.displayName,
      password,
      role: input.role,
      company: input.company,
      createdBy: actor,
    });
    if (!created) this.taken(input.username);
    const account = adminView(this.find(input.username));
    this.d.changed?.(account);
    this.d.audit({ actor, action: 'account.create', before: null, after: account });
    return generated ? { account, password: generated } : { account };
  }

  update(actor: string, username: string, next: UpdateInput): AdminAccount {
    const current = this.find(username);
    if (current.role === 'admin' && next.role !== 'admin' && current.disabledAt === null) {
      if (this.enabledAdmins() <= 1) {
        throw new HttpError(
          409,
          'last_admin',
          `${username} is the last administrator: make another account admin first.`,
        );
      }
    }
    const before = adminView(current);
    this.d.accounts.update(username, next);
    const after = adminView(this.find(username));
    this.d.changed?.(after);
    this.d.audit({ actor, action: 'account.update', before, after });
    return after;
  }

  setEnabled(actor: string, username: string, enabled: boolean): AdminAccount {
    const current = this.find(username);
    if (!enabled) {
      if (username === actor) {
        throw new HttpError(409, 'self_disable', 'You cannot disable your own account.');
      }
      if (current.role === 'admin' && current.disabledAt === null && this.enabledAdmins() <= 1) {
        throw new HttpError(409, 'last_admin', `${username} is the last administrator.`);
      }
    }
    const before = adminView(current);
    if ((current.disabledAt === null) === enabled) return before; // nothing to change
    this.d.accounts.setDisabled(username, !enabled);
    if (!enabled) this.d.signOut(username);
    const after = adminView(this.find(username));
    this.d.audit({ actor, action: enabled ? 'account.enable' : 'account.disable', before, after });
    return after;
  }

  /** Sets a new password (generated when none is given, answered once); the account is signed out. */
  resetPassword(
    actor: string,
    username: string,
    password?: string,
  ): { account: AdminAccount; password?: string } {
    const account = adminView(this.find(username));
    const generated = password ? undefined : generatePassword();
    this.d.accounts.setPassword(username, password || (generated as string));
    this.d.signOut(username);
    this.d.audit({
      actor,
      action: 'account.password.reset',
      before: { username },
      after: { username, password: generated ? 'generated' : 'set by the administrator' },
    });
    return generated ? { account, password: generated } : { account };
  }

  /**
   * Self sign-up: role (never admin), company and per-account defaults come from the template.
   * `templateUsername` must name an existing account (503 otherwise: the operator's configuration).
   */
  signup(
    templateUsername: string,
    input: { username: string; displayName: string; password: string },
  ): AdminAccount {
    const template = this.d.accounts.get(templateUsername);
    if (!template) {
      throw new HttpError(503, 'signup_unavailable', 'Sign-up is not set up yet: try again later.');
    }
    if (this.d.accounts.taken(input.username)) this.taken(input.username);
    const created = this.d.accounts.create({
      ...input,
      role: signupRole(template.role),
      company: template.company,
      createdBy: 'signup',
    });
    if (!created) this.taken(input.username);
    this.d.defaults?.copy(template.username, input.username);
    const account = adminView(this.find(input.username));
    this.d.changed?.(account);
    this.d.audit({
      actor: 'signup',
      action: 'account.signup',
      before: null,
      after: { ...account, template: template.username },
    });
    return account;
  }
}
