import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../api/webphone-schemas';
import { accountValidation, adminAccountsApi, type AdminAccount } from '../../stores/admin-accounts';
import { accountProblem } from './account-problems';
import { builderErrors } from './builder-messages';
import { Field } from './fields';
import { ROLE_LABEL, ROLES } from './role-labels';

/**
 * Edits one account's display name, role and company in place (`PUT /api/admin/accounts/:u`). The
 * server's refusals are shown as they are: the last administrator cannot be demoted (`409 last_admin`),
 * a field it refuses is marked with its reason.
 */
export function AccountEditor({
  account,
  onSaved,
  onCancel,
}: {
  account: AdminAccount;
  onSaved(next: AdminAccount): void;
  onCancel(): void;
}) {
  const { t, i18n } = useLingui();
  const [draft, setDraft] = useState({
    displayName: account.displayName,
    role: account.role,
    company: account.company ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const username = account.username;
  const id = (part: string) => `account-edit-${account.username}-${part}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { AccountUpdate, fieldErrors } = await accountValidation();
    const checked = AccountUpdate.safeParse(draft);
    if (!checked.success) {
      setErrors(builderErrors(i18n, fieldErrors(checked.error)));
      return;
    }
    setErrors({});
    try {
      onSaved(await (await adminAccountsApi()).update(account.username, draft));
    } catch (e) {
      const text = accountProblem(e, account.username, i18n);
      const field = /^(displayName|role|company): (.*)$/.exec(text);
      if (field?.[1] && field[2]) setErrors({ [field[1]]: field[2] });
      setProblem(t`Not saved: ${text}`);
    }
  };

  return (
    <form
      className="admin-account-edit"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={t`Edit ${username}`}
    >
      <Field id={id('name')} label={t`Display name`} error={errors.displayName}>
        {(p) => (
          <input
            {...p}
            ref={first}
            className="field-input"
            value={draft.displayName}
            onChange={(e) => setDraft((d) => ({ ...d, displayName: e.target.value }))}
          />
        )}
      </Field>
      <Field id={id('role')} label={t`Role`} error={errors.role}>
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={draft.role}
            onChange={(e) => setDraft((d) => ({ ...d, role: e.target.value as Role }))}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {i18n._(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('company')} label={t`Company`} error={errors.company} hint={t`Optional`}>
        {(p) => (
          <input
            {...p}
            className="field-input"
            value={draft.company}
            onChange={(e) => setDraft((d) => ({ ...d, company: e.target.value }))}
          />
        )}
      </Field>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="admin-account-actions">
        <button type="submit" className="button button-primary">
          <Trans>Save</Trans>
        </button>
        <button type="button" className="button" onClick={onCancel}>
          <Trans>Cancel</Trans>
        </button>
      </div>
    </form>
  );
}
