import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MenuIcon, MenuPage, WebphoneConfig } from '../../api/webphone-schemas';
import { configErrors, saveWebphoneConfig } from '../../stores/admin';
import { MENU_ICONS, useWebphoneConfig } from '../../stores/webphone-config';
import { Check, Field } from './fields';

interface PageDraft {
  id: string;
  title: string;
  icon: MenuIcon;
  position: string;
  disabled: boolean;
  html: string;
}

const emptyPage = (): PageDraft => ({
  id: '',
  title: '',
  icon: 'description',
  position: '10',
  disabled: false,
  html: '',
});

const toPage = (d: PageDraft): MenuPage => ({
  id: d.id.trim(),
  title: d.title,
  icon: d.icon,
  position: d.position.trim() === '' ? Number.NaN : Number(d.position),
  disabled: d.disabled,
  html: d.html,
});

type Errors = Partial<Record<keyof PageDraft, string>>;

/**
 * Admin → Pages (issue 13, ADR 0022): extra menu pages from templates. Each has a title, an icon, a
 * position among the tabs (1 = first) or Disabled, and HTML that the app shows sanitised; HTML starting
 * with `<!-- NO-CONTAINER -->` fills the page in a sandboxed iframe. Pages are part of the webphone
 * configuration: validated by its schema, audited, and pushed to open apps.
 */
export function PagesSection() {
  const saved = useWebphoneConfig((s) => s.config);
  const { t } = useLingui();
  const [draft, setDraft] = useState<PageDraft>(emptyPage);
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set =
    <K extends keyof PageDraft>(key: K) =>
    (value: PageDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setErrors(({ [key]: _gone, ...rest }) => rest as Errors);
    };
  const reset = () => {
    setDraft(emptyPage());
    setEditing(null);
    setErrors({});
  };

  const save = async (pages: MenuPage[], done: string, index: number | null) => {
    const candidate: WebphoneConfig = { ...saved, pages };
    const found = configErrors(candidate);
    if (found) {
      const prefix = index === null ? null : `pages.${index}.`;
      const mine = Object.fromEntries(
        Object.entries(found)
          .filter(([k]) => prefix !== null && k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix!.length), v]),
      ) as Errors;
      setErrors(mine);
      focusError.current = true;
      const problem = Object.values(found)[0] ?? t`check the page.`;
      setStatus(t`Not saved: ${problem}`);
      return false;
    }
    setStatus(t`Saving…`);
    try {
      await saveWebphoneConfig(candidate);
      setStatus(done);
      return true;
    } catch (e) {
      const problem = e instanceof Error ? e.message : String(e);
      setStatus(t`Not saved: ${problem}`);
      return false;
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const page = toPage(draft);
    const index = editing === null ? saved.pages.length : saved.pages.findIndex((p) => p.id === editing);
    const pages = [...saved.pages];
    pages[index] = page;
    const title = page.title.trim();
    if (await save(pages, t`Page ${title} saved. It is in the menu of open apps now.`, index)) reset();
  };

  const edit = (p: MenuPage) => {
    setDraft({ ...p, position: String(p.position) });
    setEditing(p.id);
    setErrors({});
    const title = p.title;
    setStatus(t`Editing ${title}.`);
  };
  const remove = async (p: MenuPage) => {
    const title = p.title;
    if (
      await save(
        saved.pages.filter((x) => x.id !== p.id),
        t`Page ${title} deleted.`,
        null,
      )
    ) {
      if (editing === p.id) reset();
    }
  };

  return (
    <div className="admin-builder">
      <section className="settings-group" aria-labelledby="pages-list-title">
        <h2 id="pages-list-title" className="settings-group-title">
          <Trans>Menu pages</Trans>
        </h2>
        {saved.pages.length === 0 ? (
          <p>
            <Trans>No extra pages yet.</Trans>
          </p>
        ) : (
          <ul className="admin-account-list">
            {saved.pages.map((p) => (
              <li key={p.id} className="admin-account" data-testid={`menu-page-${p.id}`}>
                <div className="admin-account-who">
                  <strong>{p.title}</strong> <span className="admin-account-user">(/page/{p.id})</span>
                </div>
                <div className="admin-account-meta">
                  {p.disabled ? t`Disabled` : t`Position ${p.position}`} · {p.icon}
                  {p.html.trimStart().startsWith('<!-- NO-CONTAINER -->') ? ` · ${t`frameless`}` : ''}
                </div>
                <div className="admin-account-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => edit(p)}
                    aria-label={t`Edit page ${p.title}`}
                  >
                    <Trans>Edit</Trans>
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void remove(p)}
                    aria-label={t`Delete page ${p.title}`}
                  >
                    <Trans>Delete</Trans>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="settings-group" aria-labelledby="page-edit-title">
        <h2 id="page-edit-title" className="settings-group-title">
          {editing ? t`Edit page ${editing}` : t`New page`}
        </h2>
        <form ref={formRef} className="admin-builder-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field id="page-title" label={t`Title`} error={errors.title}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={draft.title}
                onChange={(e) => set('title')(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="page-id"
            label={t`Address`}
            error={errors.id}
            hint={
              editing ? t`The address cannot change.` : t`The page is at /page/<address>: a–z, 0–9 and -.`
            }
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoCapitalize="off"
                spellCheck={false}
                readOnly={editing !== null}
                value={draft.id}
                onChange={(e) => set('id')(e.target.value)}
              />
            )}
          </Field>
          <Field id="page-icon" label={t`Icon`} error={errors.icon}>
            {(p) => (
              <select
                {...p}
                className="field-input"
                value={draft.icon}
                onChange={(e) => set('icon')(e.target.value as MenuIcon)}
              >
                {MENU_ICONS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="page-position"
            label={t`Position`}
            error={errors.position}
            hint={t`Among the tabs: 1 is the first; a free number.`}
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                inputMode="numeric"
                value={draft.position}
                onChange={(e) => set('position')(e.target.value)}
              />
            )}
          </Field>
          <Check
            id="page-disabled"
            label={t`Disabled`}
            checked={draft.disabled}
            onChange={(v) => set('disabled')(v)}
            hint={t`Not in the menu, and its address does not exist.`}
          />
          <div className="admin-builder-wide">
            <Field
              id="page-html"
              label="HTML"
              error={errors.html}
              hint={t`Shown sanitised (no scripts, no event handlers). Start with <!-- NO-CONTAINER --> for a frameless page in a sandboxed frame that fills the screen.`}
            >
              {(p) => (
                <textarea
                  {...p}
                  className="field-input field-code"
                  rows={8}
                  spellCheck={false}
                  value={draft.html}
                  onChange={(e) => set('html')(e.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="settings-actions">
            <button type="submit" className="button button-primary">
              {editing ? t`Save page` : t`Add page`}
            </button>
            {editing && (
              <button type="button" className="button" onClick={reset}>
                <Trans>Cancel</Trans>
              </button>
            )}
          </div>
        </form>
        <p role="status" className="field-hint" data-testid="pages-status">
          {status}
        </p>
      </section>
    </div>
  );
}
