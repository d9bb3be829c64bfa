import { i18n as globalI18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../api/webphone-schemas';
import {
  accountValidation,
  adminAccountsApi,
  type AccountWithPassword,
  type AdminAccount,
} from '../../stores/admin-accounts';
import { AccountEditor } from './AccountEditor';
import { accountProblem } from './account-problems';
import { builderErrors } from './builder-messages';
import { Field } from './fields';
import { OneTimePassword } from './OneTimePassword';
import { ROLE_LABEL, ROLES } from './role-labels';

const EMPTY = { username: '', displayName: '', role: 'user' as Role, company: '', password: '' };

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
  const { t, i18n } = useLingui();
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
      const problem = message(e);
      // The global i18n (the active language) keeps this callback stable: it reloads on every search.
      setStatus(globalI18n._(msg`Could not load the accounts: ${problem}`));
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
      setErrors(builderErrors(i18n, fieldErrors(checked.error)));
      setStatus(t`Not created: check the marked fields.`);
      focusError.current = true;
      return;
    }
    setErrors({});
    try {
      const answer = await (await adminAccountsApi()).create(input);
      setDraft(EMPTY);
      showPassword(answer, 'created');
      const username = answer.account.username;
      setStatus(t`Account ${username} created.`);
      await reload(query);
    } catch (e) {
      const text = accountProblem(e, input.username, i18n);
      const field = /^(\w+): (.*)$/.exec(text);
      if (field?.[1] && field[2]) setErrors({ [field[1]]: field[2] });
      else if (/username/i.test(message(e))) setErrors({ username: text });
      focusError.current = true;
      setStatus(t`Not created: ${text}`);
    }
  };

  /** Runs one account action; a refusal is shown as `failed(the server's reason)`. */
  const act = async (username: string, failed: (reason: string) => string, run: () => Promise<void>) => {
    try {
      await run();
      await reload(query);
    } catch (e) {
      setStatus(failed(accountProblem(e, username, i18n)));
    }
  };

  const toggle = (a: AdminAccount) =>
    act(
      a.username,
      (reason) => (a.disabled ? t`Not enabled: ${reason}` : t`Not disabled: ${reason}`),
      async () => {
        const next = await (await adminAccountsApi()).setEnabled(a.username, a.disabled);
        const username = next.username;
        setShown(null);
        setStatus(next.disabled ? t`${username} disabled: signed out everywhere.` : t`${username} enabled.`);
      },
    );

  const reset = (a: AdminAccount) =>
    act(
      a.username,
      (reason) => t`Password not reset: ${reason}`,
      async () => {
        const username = a.username;
        showPassword(await (await adminAccountsApi()).resetPassword(username), 'reset');
        setStatus(t`New password for ${username}: it is signed out everywhere.`);
      },
    );

  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  return (
    <div className="admin-accounts">
      <section className="settings-group" aria-labelledby="accounts-list-title">
        <h2 id="accounts-list-title" className="settings-group-title">
          <Trans>Accounts</Trans>
        </h2>
        <div className="field">
          <label htmlFor="accounts-search" className="field-label">
            <Trans>Search accounts</Trans>
          </label>
          <input
            id="accounts-search"
            type="search"
            className="field-input"
            placeholder={t`Username, name or company`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {accounts === null ? (
          <p className="field-hint">
            <Trans>Loading…</Trans>
          </p>
        ) : accounts.length === 0 ? (
          <p className="field-hint">
            <Trans>No accounts match.</Trans>
          </p>
        ) : (
          <ul className="admin-account-list" aria-label={t`Accounts`}>
            {accounts.map((a) => {
              const username = a.username;
              return (
                <li key={a.username} className="admin-account" data-testid={`account-${a.username}`}>
                  <div className="admin-account-who">
                    <strong>{a.displayName}</strong> <span className="admin-account-user">{a.username}</span>
                  </div>
                  <div className="admin-account-meta">
                    {i18n._(ROLE_LABEL[a.role])}
                    {' · '}
                    {a.company ?? t`no company`}
                    {a.disabled && <span className="admin-badge"> · {t`Disabled`}</span>}
                  </div>
                  {editing === a.username && (
                    <AccountEditor
                      account={a}
                      onCancel={() => setEditing(null)}
                      onSaved={(next) => {
                        setEditing(null);
                        const username = next.username;
                        const role = i18n._(ROLE_LABEL[next.role]);
                        const company = next.company;
                        setStatus(
                          company
                            ? t`${username} saved: ${role}, ${company}.`
                            : t`${username} saved: ${role}, no company.`,
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
                      aria-label={t`Edit ${username}`}
                    >
                      <Trans>Edit</Trans>
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void toggle(a)}
                      disabled={a.username === viewer && !a.disabled}
                      aria-label={a.disabled ? t`Enable ${username}` : t`Disable ${username}`}
                    >
                      {a.disabled ? t`Enable` : t`Disable`}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void reset(a)}
                      aria-label={t`Reset password of ${username}`}
                    >
                      <Trans>Reset password</Trans>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="settings-group" aria-labelledby="accounts-create-title">
        <h2 id="accounts-create-title" className="settings-group-title">
          <Trans>New account</Trans>
        </h2>
        <form ref={formRef} onSubmit={(e) => void onCreate(e)} noValidate className="admin-account-form">
          <Field
            id="account-username"
            label={t`Username`}
            error={errors.username}
            hint={t`The SIP user name: letters, digits, . _ -`}
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
          <Field id="account-displayName" label={t`Display name`} error={errors.displayName}>
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
          <Field id="account-role" label={t`Role`} error={errors.role}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={draft.role}
                onChange={(e) => set('role')(e.target.value)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {i18n._(ROLE_LABEL[r])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="account-company" label={t`Company`} error={errors.company} hint={t`Optional`}>
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
            label={t`Initial password`}
            error={errors.password}
            hint={t`Leave empty to generate one (shown once). At least 10 characters.`}
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
              <Trans>Create account</Trans>
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
