import { Trans, useLingui } from '@lingui/react/macro';
import type { FormEvent } from 'react';
import type { MenuIcon, MenuPage, WebphoneConfig } from '../../api/webphone-schemas';
import { configErrors, saveWebphoneConfig } from '../../stores/admin';
import { MENU_ICONS, useWebphoneConfig } from '../../stores/webphone-config';
import { builderErrors, builderMessage, serverMessage } from './builder-messages';
import { DefinitionEditor, DefinitionItem, useDefinitionEditor } from './DefinitionEditor';
import { Check, Field, TextField } from './fields';

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

/**
 * Admin → Pages (issue 13, ADR 0022): extra menu pages from templates. Each has a title, an icon, a
 * position among the tabs (1 = first) or Disabled, and HTML that the app shows sanitised; HTML starting
 * with `<!-- NO-CONTAINER -->` fills the page in a sandboxed iframe. Pages are part of the webphone
 * configuration: validated by its schema, audited, and pushed to open apps.
 */
export function PagesSection() {
  const saved = useWebphoneConfig((s) => s.config);
  const { t, i18n } = useLingui();
  const editor = useDefinitionEditor<PageDraft>(emptyPage);
  const { draft, editing, errors, set, formRef, setStatus, reset } = editor;

  const save = async (pages: MenuPage[], done: string, index: number | null) => {
    const candidate: WebphoneConfig = { ...saved, pages };
    const found = configErrors(candidate);
    if (found) {
      const prefix = index === null ? null : `pages.${index}.`;
      const mine = Object.fromEntries(
        Object.entries(found)
          .filter(([k]) => prefix !== null && k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix!.length), v]),
      );
      editor.showErrors(builderErrors(i18n, mine));
      const first = Object.values(found)[0];
      const problem = first ? builderMessage(i18n, first) : t`check the page.`;
      setStatus(t`Not saved: ${problem}`);
      return false;
    }
    setStatus(t`Saving…`);
    try {
      await saveWebphoneConfig(candidate);
      setStatus(done);
      return true;
    } catch (e) {
      const problem = serverMessage(i18n, e instanceof Error ? e.message : String(e));
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
    const title = p.title;
    editor.startEdit(p.id, { ...p, position: String(p.position) }, t`Editing ${title}.`);
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
    <DefinitionEditor
      name="page"
      listTitle={<Trans>Menu pages</Trans>}
      list={
        saved.pages.length === 0 ? (
          <p>
            <Trans>No extra pages yet.</Trans>
          </p>
        ) : (
          <ul className="admin-account-list">
            {saved.pages.map((p) => (
              <DefinitionItem
                key={p.id}
                testId={`menu-page-${p.id}`}
                name={p.title}
                address={`/page/${p.id}`}
                meta={
                  <>
                    {p.disabled ? t`Disabled` : t`Position ${p.position}`} · {p.icon}
                    {p.html.trimStart().startsWith('<!-- NO-CONTAINER -->') ? ` · ${t`frameless`}` : ''}
                  </>
                }
                change={{
                  editLabel: t`Edit page ${p.title}`,
                  deleteLabel: t`Delete page ${p.title}`,
                  onEdit: () => edit(p),
                  onDelete: () => remove(p),
                }}
              />
            ))}
          </ul>
        )
      }
      editTitle={editing ? t`Edit page ${editing}` : t`New page`}
      formRef={formRef}
      onSubmit={onSubmit}
      submitLabel={editing ? t`Save page` : t`Add page`}
      editing={editing !== null}
      onCancel={reset}
      status={editor.status}
    >
      <TextField
        id="page-title"
        label={t`Title`}
        error={errors.title}
        value={draft.title}
        onChange={set('title')}
      />
      <TextField
        id="page-id"
        label={t`Address`}
        error={errors.id}
        hint={editing ? t`The address cannot change.` : t`The page is at /page/<address>: a–z, 0–9 and -.`}
        autoCapitalize="off"
        spellCheck={false}
        readOnly={editing !== null}
        value={draft.id}
        onChange={set('id')}
      />
      <Field id="page-icon" label={t`Icon`} error={errors.icon}>
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={draft.icon}
            onChange={(e) => set('icon')(e.target.value as MenuIcon)}
          >
            {MENU_ICONS.map((name) => (
              // An icon's name (Material Symbols), not a word of the interface: data-i18n-data.
              <option key={name} value={name} data-i18n-data>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="page-position"
        label={t`Position`}
        error={errors.position}
        hint={t`Among the tabs: 1 is the first; a free number.`}
        inputMode="numeric"
        value={draft.position}
        onChange={set('position')}
      />
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
    </DefinitionEditor>
  );
}
