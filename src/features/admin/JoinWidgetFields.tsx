import type { JoinWidget } from '../../api/join-widget-schemas';
import type { FieldErrors } from '../../stores/admin';
import { JOIN_LANGUAGES, type JoinLanguage } from '../../stores/join-widget';
import { Check, Field } from './fields';

const LANGUAGE_NAMES: Record<JoinLanguage, string> = {
  browser: "The customer's browser language",
  en: 'English',
  es: 'Spanish (Español)',
  ar: 'Arabic (العربية)',
};

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
}: {
  widget: JoinWidget;
  reconnectText: string;
  preChatText: string;
  errors: FieldErrors;
  onChange(widget: JoinWidget): void;
  onReconnectText(text: string): void;
  onPreChatText(text: string): void;
}) {
  const set = (next: Partial<JoinWidget>) => onChange({ ...widget, ...next });
  return (
    <fieldset className="settings-group">
      <legend>Join page</legend>
      <p className="field-hint">What customers see when they open a call link.</p>
      <Field id="admin-join-title" label="Join page title" error={errors['joinWidget.title']}>
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
        label="Join page theme colour"
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
        label="Join page language"
        error={errors['joinWidget.language']}
        hint="The customers' join page is shown in this language; with the browser language it follows each customer's browser."
      >
        {(p) => (
          <select
            {...p}
            className="field-input"
            value={widget.language}
            onChange={(e) => set({ language: e.target.value as JoinLanguage })}
          >
            {JOIN_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Check
        id="admin-join-emoji"
        label="Emoji in the chat"
        checked={widget.emoji}
        onChange={(emoji) => set({ emoji })}
      />
      <Check
        id="admin-join-files"
        label="File transfer"
        hint="Not available for webcall rooms yet: sending files in the room chat is not built."
        checked={false}
        disabled
        onChange={() => undefined}
      />
      <Check
        id="admin-join-font"
        label="Text size buttons"
        hint="Customers can make the page's text larger or smaller."
        checked={widget.fontResize}
        onChange={(fontResize) => set({ fontResize })}
      />
      <Check
        id="admin-join-transcript"
        label="Transcript download"
        hint="The chat offers the conversation as a text file."
        checked={widget.transcript}
        onChange={(transcript) => set({ transcript })}
      />
      <Field
        id="admin-join-reconnect"
        label="Chat reconnect time (seconds)"
        error={errors['joinWidget.reconnectSeconds']}
        hint="The longest wait between tries to restore a lost chat connection, 2 to 300."
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
        label="Pre-chat form"
        hint="Customers answer these fields before they can chat or join; the agent sees the answers beside the chat."
        checked={widget.preChat.enabled}
        onChange={(enabled) => set({ preChat: { ...widget.preChat, enabled } })}
      />
      <Field
        id="admin-join-prechat-fields"
        label="Pre-chat fields"
        error={Object.entries(errors).find(([k]) => k.startsWith('joinWidget.preChat'))?.[1]}
        hint='JSON, in the ConnexCS form schema: [{"name": "email", "label": "E-mail", "type": "email", "required": true}, …]. Types: text, email, tel, textarea, select (with "options"), checkbox. At most 12 fields.'
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
    </fieldset>
  );
}
