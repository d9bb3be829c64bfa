import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { accountValidation, signupService } from '../../stores/admin-accounts';
import { useSettingsStore } from '../../stores/settings';
import { TextField } from './TextField';

const EMPTY = { username: '', displayName: '', password: '' };
type Draft = typeof EMPTY;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Self sign-up (issue 13, Register): offered on the sign-in screen only while the operator turned it
 * on (`GET /api/signup`). The new account copies the template customer's defaults on the server; the
 * operator's success message is shown and the username is put into the sign-in form.
 */
export function SignupSetting() {
  const { t } = useLingui();
  const [enabled, setEnabled] = useState(false);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | '_', string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** Set on a refused submit: focus the first invalid field once the errors are rendered. */
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const setField = useSettingsStore((s) => s.setField);

  useEffect(() => {
    let current = true;
    signupService()
      .then((api) => api.enabled())
      .then((on) => current && setEnabled(on))
      .catch(() => current && setEnabled(false)); // no backend, or sign-up off: nothing to offer
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!enabled) return null;

  const field = (key: keyof Draft) => ({
    id: `signup-${key}`,
    value: draft[key],
    error: errors[key],
    onValueChange: (value: string) => {
      setDraft((d) => ({ ...d, [key]: value }));
      if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
    },
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { SignupRequest, fieldErrors } = await accountValidation();
    const checked = SignupRequest.safeParse(draft);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      focusError.current = true;
      return;
    }
    setBusy(true);
    try {
      const answer = await (await signupService()).signup(draft);
      setField('username', answer.username);
      setField('password', '');
      if (draft.displayName) setField('displayName', draft.displayName.trim());
      setDraft(EMPTY);
      setErrors({});
      setOpen(false);
      setDone(answer.message);
    } catch (e) {
      const text = message(e);
      const parsed = /^(username|displayName|password): (.*)$/.exec(text);
      if (parsed?.[1] && parsed[2]) setErrors({ [parsed[1]]: parsed[2] });
      else if (/username/i.test(text)) setErrors({ username: text });
      else setErrors({ _: text });
      focusError.current = true;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-group" aria-labelledby="signup-title">
      <h2 id="signup-title" className="settings-group-title">
        <Trans>New here?</Trans>
      </h2>
      {done && (
        <p ref={doneRef} tabIndex={-1} role="status" className="signup-done" data-testid="signup-success">
          {done}
        </p>
      )}
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          <Trans>Create account</Trans>
        </button>
      ) : (
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t`Create account`}>
          <TextField
            label={t`Choose a username`}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            hint={t`Letters, digits, . _ -`}
            required
            {...field('username')}
          />
          <TextField label={t`Your name`} autoComplete="name" required {...field('displayName')} />
          <TextField
            label={t`Choose a password`}
            type="password"
            autoComplete="new-password"
            hint={t`At least 10 characters, not containing the username.`}
            required
            {...field('password')}
          />
          {errors._ && (
            <div className="settings-error" role="alert">
              {errors._}
            </div>
          )}
          <div className="settings-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              <Trans>Create account</Trans>
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              <Trans>Cancel</Trans>
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
