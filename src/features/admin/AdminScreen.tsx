import type { MessageDescriptor } from '@lingui/core';
import { msg, plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { WebphoneConfig } from '../../api/webphone-schemas';
import {
  configErrors,
  loadAudit,
  saveWebphoneConfig,
  type AuditEntry,
  type FieldErrors,
} from '../../stores/admin';
import { useWebphoneConfig } from '../../stores/webphone-config';
import { Screen } from '../../ui/Screen';
import { AccountsSection } from './AccountsSection';
import { AdminSections, sectionOf } from './AdminSections';
import { AuditList } from './AuditList';
import { builderErrors, serverMessage } from './builder-messages';
import { ButtonsSection } from './ButtonsSection';
import { FormsSection } from './FormsSection';
import { Check, Field } from './fields';
import { JoinWidgetFields } from './JoinWidgetFields';
import { MenuEditor } from './MenuEditor';
import { PagesSection } from './PagesSection';
import './admin.css';

type Flags = WebphoneConfig['flags'];

const FLAGS: ReadonlyArray<[keyof Flags, MessageDescriptor, MessageDescriptor]> = [
  ['hideUuid', msg`Hide UUID`, msg`Otherwise the build id is shown in Settings → About, for support.`],
  ['menuRight', msg`Menu Right`, msg`The side menu on the right on wide screens.`],
  ['editSettings', msg`Edit Settings`, msg`Users may change their SIP account; otherwise it is read-only.`],
  ['usernameAsTitle', msg`Username as Title`, msg`The header shows the username instead of the brand.`],
  ['autoAnswer', msg`Auto Answer`, msg`Forces auto-answer on for every user.`],
  [
    'acceptPayment',
    msg`Accept Payment`,
    msg`A link to your payment page (Openline never handles card data).`,
  ],
  ['displayBalance', msg`Display Balance`, msg`The account balance in the header.`],
  ['register', msg`Register`, msg`The sign-in screen offers "Create account" (settings below).`],
  [
    'restrictLogin',
    msg`Restrict Customer Login`,
    msg`Only accounts of the listed companies sign in (admins always can).`,
  ],
];

/** CSS shown in a hint, kept out of the message (its braces are not placeholders). */
const ROOT_RULE = ':root { --primary: … }';

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The pre-chat fields as typed, or [] while they are not JSON (jsonError says why). */
function parsedFields(text: string): WebphoneConfig['joinWidget']['preChat']['fields'] {
  try {
    return JSON.parse(text) as WebphoneConfig['joinWidget']['preChat']['fields'];
  } catch {
    return [];
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Whether `text` is JSON (the browser's own reason is in English: the screen words the refusal). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The first embedding error, naming the line it is about (`embed.allowedOrigins.1` is line 2). */
/**
 * The allow-list's first problem, with the line it is on. Worded by the caller: the `t` macro only
 * translates where it is written (a `t` passed in as a value gets the raw template and shows nothing).
 */
function originProblem(
  errors: FieldErrors,
  origins: readonly string[],
): { line: number; origin: string; error: string } | { error: string } | undefined {
  const entry = Object.entries(errors).find(([k]) => k.startsWith('embed.allowedOrigins'));
  if (!entry) return undefined;
  const index = Number(entry[0].split('.')[2]);
  if (!Number.isInteger(index)) return { error: entry[1] };
  return { line: index + 1, origin: origins[index] ?? '', error: entry[1] };
}

/**
 * Route `/admin` (admins only; the server refuses everyone else with 403), in sections: the webphone
 * configuration (validated by the schema the server uses, with field-level errors, and the audit of
 * changes), the accounts, and the Agent tab's button and form builders (ADR 0022).
 */
export function AdminScreen() {
  const [params] = useSearchParams();
  const section = sectionOf(params.get('section'));
  const viewer = useWebphoneConfig((s) => s.username) ?? '';
  const { t } = useLingui();
  return (
    <Screen title={t`Admin`} className="screen-admin">
      <AdminSections current={section} />
      {section === 'accounts' ? (
        <AccountsSection viewer={viewer} />
      ) : section === 'buttons' ? (
        <ButtonsSection />
      ) : section === 'forms' ? (
        <FormsSection />
      ) : section === 'pages' ? (
        <PagesSection />
      ) : (
        <ConfigurationSection />
      )}
    </Screen>
  );
}

function ConfigurationSection() {
  const saved = useWebphoneConfig((s) => s.config);
  const revision = useWebphoneConfig((s) => s.revision);
  const [draft, setDraft] = useState<WebphoneConfig>(saved);
  const [removeText, setRemoveText] = useState(saved.codecs.remove.join('\n'));
  const [priorityText, setPriorityText] = useState(saved.codecs.priority.join(', '));
  const [companiesText, setCompaniesText] = useState(saved.allowedCompanies.join('\n'));
  const [originsText, setOriginsText] = useState(saved.embed.allowedOrigins.join('\n'));
  const [reconnectText, setReconnectText] = useState(String(saved.joinWidget.reconnectSeconds));
  const [preChatText, setPreChatText] = useState(JSON.stringify(saved.joinWidget.preChat.fields, null, 2));
  const [hoursText, setHoursText] = useState(JSON.stringify(saved.joinWidget.openingHours, null, 2));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const { t, i18n } = useLingui();
  const formRef = useRef<HTMLFormElement>(null);
  /** Set on a refused save: focus the first invalid field once the errors are rendered. */
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  useEffect(() => {
    let current = true;
    loadAudit()
      .then((entries) => current && setAudit(entries))
      .catch(() => current && setAudit([]));
    return () => {
      current = false;
    };
  }, [revision]);

  const candidate: WebphoneConfig = {
    ...draft,
    codecs: { remove: lines(removeText), priority: lines(priorityText) },
    allowedCompanies: companiesText
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    embed: { allowedOrigins: lines(originsText) },
    // Not a number (or blank) is sent as such, so the schema's error names it.
    joinWidget: {
      ...draft.joinWidget,
      reconnectSeconds: reconnectText.trim() === '' ? NaN : Number(reconnectText),
      preChat: { ...draft.joinWidget.preChat, fields: parsedFields(preChatText) },
      openingHours: parsedJson(hoursText) as WebphoneConfig['joinWidget']['openingHours'],
    },
  };
  const update = (next: Partial<WebphoneConfig>) => setDraft((d) => ({ ...d, ...next }));
  const originIssue = originProblem(errors, candidate.embed.allowedOrigins);
  let originMessage = originIssue?.error;
  if (originIssue && 'line' in originIssue) {
    const { line, origin, error } = originIssue;
    originMessage = t`Line ${line} (${origin}): ${error}`;
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const notJson = t`Not valid JSON: check the brackets, commas and quotes.`;
    const checked = configErrors(candidate);
    // The shared schema speaks English: its messages are worded here, in the admin's language.
    let found = checked && builderErrors(i18n, checked);
    if (!isJson(preChatText)) found = { 'joinWidget.preChat.fields': notJson };
    else if (!isJson(hoursText)) found = { 'joinWidget.openingHours': notJson };
    setErrors(found ?? {});
    if (found) {
      const count = Object.keys(found).length;
      setStatus(
        plural(count, {
          one: 'Not saved: # field needs attention.',
          other: 'Not saved: # fields need attention.',
        }),
      );
      focusError.current = true;
      return;
    }
    setStatus(t`Saving…`);
    try {
      await saveWebphoneConfig(candidate);
      setStatus(t`Saved. Open apps update now.`);
    } catch (e) {
      const message = serverMessage(i18n, e instanceof Error ? e.message : String(e));
      // The server parses the CSS (the browser has no safe parser for it): show its answer by the field.
      const css = /^customCss: (.*)$/s.exec(message);
      if (css) {
        setErrors({ customCss: css[1]! });
        focusError.current = true;
      }
      setStatus(t`Not saved: ${message}`);
    }
  };

  return (
    <>
      <form ref={formRef} className="admin-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="settings-group">
          <legend>
            <Trans>Brand</Trans>
          </legend>
          <Field id="admin-brand-name" label={t`Brand name`} error={errors['brand.name']}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={draft.brand.name}
                onChange={(e) => update({ brand: { ...draft.brand, name: e.target.value } })}
              />
            )}
          </Field>
          <Field
            id="admin-brand-color"
            label={t`Theme colour`}
            error={errors['brand.themeColor']}
            hint="#rrggbb"
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={draft.brand.themeColor}
                onChange={(e) => update({ brand: { ...draft.brand, themeColor: e.target.value } })}
              />
            )}
          </Field>
          <Field
            id="admin-brand-logo"
            label={t`Logo`}
            error={errors['brand.logo']}
            hint={t`A path on this server, e.g. /icons/icon.svg`}
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={draft.brand.logo}
                onChange={(e) => update({ brand: { ...draft.brand, logo: e.target.value } })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Menu</Trans>
          </legend>
          <MenuEditor menu={draft.menu} errors={errors} onChange={(menu) => update({ menu })} />
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Flags</Trans>
          </legend>
          {FLAGS.map(([key, label, hint]) => (
            <Check
              key={key}
              id={`admin-flag-${key}`}
              label={i18n._(label)}
              hint={i18n._(hint)}
              checked={draft.flags[key]}
              onChange={(on) => update({ flags: { ...draft.flags, [key]: on } })}
            />
          ))}
          <Field
            id="admin-payment-url"
            label={t`Payment page`}
            error={errors.paymentUrl}
            hint={t`https:// address for Accept Payment`}
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                type="url"
                value={draft.paymentUrl}
                onChange={(e) => update({ paymentUrl: e.target.value })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Sign-up and sign-in</Trans>
          </legend>
          <Field
            id="admin-registration-template"
            label={t`Template customer`}
            error={errors['registration.templateUsername']}
            hint={t`Register: new accounts copy this account's role (never admin), company and voicemail settings.`}
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                autoCapitalize="off"
                spellCheck={false}
                value={draft.registration.templateUsername}
                onChange={(e) =>
                  update({ registration: { ...draft.registration, templateUsername: e.target.value } })
                }
              />
            )}
          </Field>
          <Field
            id="admin-registration-message"
            label={t`Sign-up success message`}
            error={errors['registration.successMessage']}
          >
            {(p) => (
              <textarea
                {...p}
                className="field-input"
                rows={2}
                value={draft.registration.successMessage}
                onChange={(e) =>
                  update({ registration: { ...draft.registration, successMessage: e.target.value } })
                }
              />
            )}
          </Field>
          <Field
            id="admin-allowed-companies"
            label={t`Allowed companies`}
            error={Object.entries(errors).find(([k]) => k.startsWith('allowedCompanies'))?.[1]}
            hint={t`Restrict Customer Login: one company per line, any case.`}
          >
            {(p) => (
              <textarea
                {...p}
                className="field-input"
                rows={3}
                value={companiesText}
                onChange={(e) => setCompaniesText(e.target.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Codecs</Trans>
          </legend>
          <Field
            id="admin-codecs-remove"
            label={t`Remove codecs`}
            error={Object.entries(errors).find(([k]) => k.startsWith('codecs.remove'))?.[1]}
            hint={t`One per line: a name or a regular expression matching the whole name, any case (PC.* removes PCMU and PCMA). Opus cannot be removed: it is the one codec every browser supports.`}
          >
            {(p) => (
              <textarea
                {...p}
                className="field-input"
                rows={3}
                value={removeText}
                onChange={(e) => setRemoveText(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="admin-codecs-priority"
            label={t`Codec priority`}
            error={Object.entries(errors).find(([k]) => k.startsWith('codecs.priority'))?.[1]}
            hint={t`First preferred, separated by commas, e.g. PCMU, opus. Unlisted codecs follow in their usual order.`}
          >
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={priorityText}
                onChange={(e) => setPriorityText(e.target.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Custom CSS</Trans>
          </legend>
          <Field
            id="admin-custom-css"
            label={t`Custom CSS`}
            error={errors.customCss}
            hint={t`Applied inside the app for every user. Plain rules, @media, @supports and @keyframes; ${ROOT_RULE} sets the app's colours. Nothing may load from elsewhere: url(), @import, @font-face and backslash escapes are refused.`}
          >
            {(p) => (
              <textarea
                {...p}
                className="field-input field-code"
                rows={6}
                spellCheck={false}
                value={draft.customCss}
                onChange={(e) => update({ customCss: e.target.value })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="settings-group">
          <legend>
            <Trans>Embedding</Trans>
          </legend>
          <Field
            id="admin-embed-origins"
            label={t`Pages allowed to embed Openline`}
            error={originMessage}
            hint={t`One origin per line, exactly as the browser shows it: https://desk.example.com (no path, no wildcard; http:// only for localhost). Empty: no page may embed Openline. See docs/embedding.md.`}
          >
            {(p) => (
              <textarea
                {...p}
                className="field-input"
                rows={3}
                spellCheck={false}
                value={originsText}
                onChange={(e) => setOriginsText(e.target.value)}
              />
            )}
          </Field>
        </fieldset>

        <JoinWidgetFields
          widget={draft.joinWidget}
          reconnectText={reconnectText}
          preChatText={preChatText}
          hoursText={hoursText}
          onHoursText={setHoursText}
          errors={errors}
          onChange={(joinWidget) => update({ joinWidget })}
          onReconnectText={setReconnectText}
          onPreChatText={setPreChatText}
        />

        <div className="settings-actions">
          <button type="submit" className="button button-primary">
            <Trans>Save configuration</Trans>
          </button>
        </div>
        <p role="status" className="field-hint" data-testid="admin-status">
          {status}
        </p>
      </form>

      <AuditList entries={audit} />
    </>
  );
}
