import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../api/webphone-schemas';
import {
  accountValidation,
  adminAccountsApi,
  type AccountWithPassword,
  type AdminAccount,
} from '../../stores/admin-accounts';
import { AccountEditor } from './AccountEditor';
import { Field } from './fields';
import { OneTimePassword } from './OneTimePassword';

const EMPTY = { username: '', displayName: '', role: 'user' as Role, company: '', password: '' };

const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', agent: 'Agent', user: 'User' };
const ROLES = Object.keys(ROLE_LABEL) as Role[];

/** The password to show once, and for whom. */
interface Shown {
  username: string;
  password: string;
  what: 'created' | 'reset';
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Admin → Accounts: search, create (a password typed or generated and shown once), disable/enable and
 * reset password. The server enforces the rules (last admin, no self-disable) and audits every change.
 */
export function AccountsSection({ viewer }: { viewer: string }) {
  const [query, setQuery] = useState('');
  const [accounts, setAccounts] = useState<AdminAccount[] | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Set on a refused submit: focus the first invalid field once the errors are rendered. */
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const reload = useCallback(async (q: string) => {
    try {
      setAccounts(await (await adminAccountsApi()).list(q));
    } catch (e) {
      setStatus(`Could not load the accounts: ${message(e)}`);
      setAccounts([]);
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void reload(query), 150);
    return () => clearTimeout(timer);
  }, [query, reload]);

  const showPassword = (answer: AccountWithPassword, what: Shown['what']) =>
    setShown(answer.password ? { username: answer.account.username, password: answer.password, what } : null);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const { AccountCreate, fieldErrors } = await accountValidation();
    const input = { ...draft, ...(draft.password ? {} : { password: undefined }) };
    const checked = AccountCreate.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      setStatus('Not created: check the marked fields.');
      focusError.current = true;
      return;
    }
    setErrors({});
    try {
      const answer = await (await adminAccountsApi()).create(input);
      setDraft(EMPTY);
      showPassword(answer, 'created');
      setStatus(`Account ${answer.account.username} created.`);
      await reload(query);
    } catch (e) {
      const text = message(e);
      const field = /^(\w+): (.*)$/.exec(text);
      if (field?.[1] && field[2]) setErrors({ [field[1]]: field[2] });
      else if (/username/i.test(text)) setErrors({ username: text });
      focusError.current = true;
      setStatus(`Not created: ${text}`);
    }
  };

  const act = async (label: string, run: () => Promise<void>) => {
    try {
      await run();
      await reload(query);
    } catch (e) {
      setStatus(`${label}: ${message(e)}`);
    }
  };

  const toggle = (a: AdminAccount) =>
    act(a.disabled ? 'Not enabled' : 'Not disabled', async () => {
      const next = await (await adminAccountsApi()).setEnabled(a.username, a.disabled);
      setShown(null);
      setStatus(`${next.username} ${next.disabled ? 'disabled: signed out everywhere' : 'enabled'}.`);
    });

  const reset = (a: AdminAccount) =>
    act('Password not reset', async () => {
      showPassword(await (await adminAccountsApi()).resetPassword(a.username), 'reset');
      setStatus(`New password for ${a.username}: it is signed out everywhere.`);
    });

  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  return (
    <div className="admin-accounts">
      <section className="settings-group" aria-labelledby="accounts-list-title">
        <h2 id="accounts-list-title" className="settings-group-title">
          Accounts
        </h2>
        <div className="field">
          <label htmlFor="accounts-search" className="field-label">
            Search accounts
          </label>
          <input
            id="accounts-search"
            type="search"
            className="field-input"
            placeholder="Username, name or company"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {accounts === null ? (
          <p className="field-hint">Loading…</p>
        ) : accounts.length === 0 ? (
          <p className="field-hint">No accounts match.</p>
        ) : (
          <ul className="admin-account-list" aria-label="Accounts">
            {accounts.map((a) => (
              <li key={a.username} className="admin-account" data-testid={`account-${a.username}`}>
                <div className="admin-account-who">
                  <strong>{a.displayName}</strong> <span className="admin-account-user">{a.username}</span>
                </div>
                <div className="admin-account-meta">
                  {ROLE_LABEL[a.role]}
                  {a.company ? ` · ${a.company}` : ' · no company'}
                  {a.disabled && <span className="admin-badge"> · Disabled</span>}
                </div>
                {editing === a.username && (
                  <AccountEditor
                    account={a}
                    onCancel={() => setEditing(null)}
                    onSaved={(next) => {
                      setEditing(null);
                      setStatus(
                        `${next.username} saved: ${ROLE_LABEL[next.role]}, ${next.company ?? 'no company'}.`,
                      );
                      void reload(query);
                    }}
                  />
                )}
                <div className="admin-account-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => setEditing(editing === a.username ? null : a.username)}
                    aria-expanded={editing === a.username}
                    aria-label={`Edit ${a.username}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void toggle(a)}
                    disabled={a.username === viewer && !a.disabled}
                    aria-label={`${a.disabled ? 'Enable' : 'Disable'} ${a.username}`}
                  >
                    {a.disabled ? 'Enable' : 'Disable'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void reset(a)}
                    aria-label={`Reset password of ${a.username}`}
                  >
                    Reset password
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="settings-group" aria-labelledby="accounts-create-title">
        <h2 id="accounts-create-title" className="settings-group-title">
          New account
        </h2>
        <form ref={formRef} onSubmit={(e) => void onCreate(e)} noValidate className="admin-account-form">
          <Field
            id="account-username"
            label="Username"
            error={errors.username}
            hint="The SIP user name: letters, digits, . _ -"
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoCapitalize="off"
                autoComplete="off"
                spellCheck={false}
                value={draft.username}
                onChange={(e) => set('username')(e.target.value)}
              />
            )}
          </Field>
          <Field id="account-displayName" label="Display name" error={errors.displayName}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoComplete="off"
                value={draft.displayName}
                onChange={(e) => set('displayName')(e.target.value)}
              />
            )}
          </Field>
          <Field id="account-role" label="Role" error={errors.role}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={draft.role}
                onChange={(e) => set('role')(e.target.value)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="account-company" label="Company" error={errors.company} hint="Optional">
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoComplete="off"
                value={draft.company}
                onChange={(e) => set('company')(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="account-password"
            label="Initial password"
            error={errors.password}
            hint="Leave empty to generate one (shown once). At least 10 characters."
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                type="password"
                autoComplete="new-password"
                value={draft.password}
                onChange={(e) => set('password')(e.target.value)}
              />
            )}
          </Field>
          <div className="settings-actions">
            <button type="submit" className="button button-primary">
              Create account
            </button>
          </div>
        </form>
        <p role="status" className="field-hint" data-testid="accounts-status">
          {status}
        </p>
        {shown && (
          <OneTimePassword
            username={shown.username}
            password={shown.password}
            what={shown.what}
            onDone={() => setShown(null)}
          />
        )}
      </section>
    </div>
  );
}
