import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useLingui } from '@lingui/react/macro';
import type { JoinWidget } from '../../api/join-widget-config';
import type { FieldErrors } from '../../stores/admin';
import { JOIN_LANGUAGES, type JoinLanguage } from '../../stores/join-widget';
import { Check, Field } from './fields';

/** Not translated: the JSON the field takes. */
const HOURS_EXAMPLE =
  '{"timeZone": "Europe/Madrid", "periods": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:00"}]}';

/** Each language by its own name (docs/i18n.md: not translated); the browser choice is a sentence. */
const LANGUAGE_NAMES: Record<JoinLanguage, string | MessageDescriptor> = {
  browser: msg`The customer's browser language`,
  en: 'English',
  es: 'Español',
  ar: 'العربية',
};

/** The schema example in the pre-chat hint: code, the same in every language. */
const PRECHAT_EXAMPLE = '[{"name": "email", "label": "E-mail", "type": "email", "required": true}, …]';

/**
 * Admin → Configuration → Join page (issue 14): the customers' join page widget settings. The reconnect
 * time is edited as text (`reconnectText`) so a half-typed number is shown as typed and the schema's
 * error names what is wrong with it.
 */
export function JoinWidgetFields({
  widget,
  reconnectText,
  errors,
  preChatText,
  onChange,
  onReconnectText,
  onPreChatText,
  hoursText,
  onHoursText,
}: {
  widget: JoinWidget;
  reconnectText: string;
  preChatText: string;
  errors: FieldErrors;
  onChange(widget: JoinWidget): void;
  onReconnectText(text: string): void;
  onPreChatText(text: string): void;
  /** The opening hours as JSON text (ADR 0026). */
  hoursText: string;
  onHoursText(text: string): void;
}) {
  const { t, i18n } = useLingui();
  const set = (next: Partial<JoinWidget>) => onChange({ ...widget, ...next });
  const languageName = (l: JoinLanguage) => {
    const name = LANGUAGE_NAMES[l];
    return typeof name === 'string' ? name : i18n._(name);
  };
  return (
    <fieldset className="settings-group">
      <legend>{t`Join page`}</legend>
      <p className="field-hint">{t`What customers see when they open a call link.`}</p>
      <Field id="admin-join-title" label={t`Join page title`} error={errors['joinWidget.title']}>
        {(p) => (
          <input
            {...p}
            className="field-input"
            value={widget.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        )}
      </Field>
      <Field
        id="admin-join-color"
        label={t`Join page theme colour`}
        error={errors['joinWidget.themeColor']}
        hint="#rrggbb"
      >
        {(p) => (
          <input
            {...p}
            className="field-input"
            value={widget.themeColor}
            onChange={(e) => set({ themeColor: e.target.value })}
          />
        )}
      </Field>
      <Field
        id="admin-join-language"
        label={t`Join page language`}
        error={errors['joinWidget.language']}
        hint={t`The customers' join page is shown in this language; with the browser language it follows each customer's browser.`}
      >
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={widget.language}
            onChange={(e) => set({ language: e.target.value as JoinLanguage })}
          >
            {JOIN_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l === 'browser' ? undefined : l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Check
        id="admin-join-emoji"
        label={t`Emoji in the chat`}
        checked={widget.emoji}
        onChange={(emoji) => set({ emoji })}
      />
      <Check
        id="admin-join-files"
        label={t`File transfer`}
        hint={t`Customers and agents can send images and PDF files in the chat.`}
        checked={widget.fileTransfer}
        onChange={(fileTransfer) => set({ fileTransfer })}
      />
      <Check
        id="admin-join-font"
        label={t`Text size buttons`}
        hint={t`Customers can make the page's text larger or smaller.`}
        checked={widget.fontResize}
        onChange={(fontResize) => set({ fontResize })}
      />
      <Check
        id="admin-join-transcript"
        label={t`Transcript download`}
        hint={t`The chat offers the conversation as a text file.`}
        checked={widget.transcript}
        onChange={(transcript) => set({ transcript })}
      />
      <Field
        id="admin-join-reconnect"
        label={t`Chat reconnect time (seconds)`}
        error={errors['joinWidget.reconnectSeconds']}
        hint={t`The longest wait between tries to restore a lost chat connection, 2 to 300.`}
      >
        {(p) => (
          <input
            {...p}
            className="field-input"
            inputMode="numeric"
            value={reconnectText}
            onChange={(e) => onReconnectText(e.target.value)}
          />
        )}
      </Field>
      <Check
        id="admin-join-prechat"
        label={t`Pre-chat form`}
        hint={t`Customers answer these fields before they can chat or join; the agent sees the answers beside the chat.`}
        checked={widget.preChat.enabled}
        onChange={(enabled) => set({ preChat: { ...widget.preChat, enabled } })}
      />
      <Field
        id="admin-join-prechat-fields"
        label={t`Pre-chat fields`}
        error={Object.entries(errors).find(([k]) => k.startsWith('joinWidget.preChat'))?.[1]}
        hint={t`JSON, in the ConnexCS form schema: ${PRECHAT_EXAMPLE}. Types: text, email, tel, textarea, select (with "options"), checkbox. At most 12 fields.`}
      >
        {(p) => (
          <textarea
            {...p}
            className="field-input field-code"
            rows={6}
            spellCheck={false}
            value={preChatText}
            onChange={(e) => onPreChatText(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="admin-join-hours"
        label={t`Opening hours`}
        error={Object.entries(errors).find(([k]) => k.startsWith('joinWidget.openingHours'))?.[1]}
        hint={`${t`JSON with a time zone and weekly periods (days sun to sat, times HH:MM); no periods: always open. Outside the hours the join page shows when you open next and Join is off; while the agent is in another call it tells the customer they are next. Example:`} ${HOURS_EXAMPLE}`}
      >
        {(p) => (
          <textarea
            {...p}
            className="field-input field-code"
            rows={6}
            spellCheck={false}
            value={hoursText}
            onChange={(e) => onHoursText(e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
