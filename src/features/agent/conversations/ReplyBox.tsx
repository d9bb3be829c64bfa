import { Trans, useLingui } from '@lingui/react/macro';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ChannelTemplate } from '../../../api/channels-schemas';
import { ATTACHMENT_TYPES } from '../../../lib/attachments';
import { Icon } from '../../../ui/icons';

interface Props {
  /** False outside WhatsApp's 24-hour window: free text is refused, templates are offered. */
  freeText: boolean;
  templates: ChannelTemplate[];
  busy: boolean;
  onSend(text: string): Promise<boolean>;
  onTemplate(name: string): Promise<boolean>;
  /** Sends an image or PDF with the reply text as its caption. */
  onFile(file: File, caption: string): Promise<boolean>;
}

/** Free text when the channel allows it; a template picker whenever the channel has templates. */
export function ReplyBox({ freeText, templates, busy, onSend, onTemplate, onFile }: Props) {
  const { t } = useLingui();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [template, setTemplate] = useState(templates[0]?.name ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && (await onSend(text.trim()))) setText('');
  };
  const chosen = templates.find((t) => t.name === template);
  return (
    <div className="reply-box">
      <form className="reply-form" onSubmit={(e) => void submit(e)}>
        <label className="field-label" htmlFor={`${id}-text`}>
          <Trans context="channel conversation">Reply</Trans>
        </label>
        <textarea
          id={`${id}-text`}
          className="field-input reply-text"
          rows={2}
          value={text}
          disabled={!freeText}
          aria-describedby={freeText ? undefined : `${id}-closed`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit(e);
            }
          }}
        />
        {!freeText && (
          <p id={`${id}-closed`} className="reply-note">
            <Trans>The customer has not written for 24 hours: only an approved template can be sent.</Trans>
          </p>
        )}
        <div className="reply-file-row">
          <button type="submit" className="button" disabled={!freeText || busy || !text.trim()}>
            <Trans context="channel reply">Send</Trans>
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={!freeText || busy}
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="paperclip" />
            <span>{t`Attach an image or PDF`}</span>
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="reply-file"
            accept={ATTACHMENT_TYPES.join(',')}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = ''; // the same file can be chosen again
              if (file) void onFile(file, text).then((sent) => sent && setText(''));
            }}
          />
        </div>
      </form>
      {templates.length > 0 && (
        <form
          className="template-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (template) void onTemplate(template);
          }}
        >
          <label className="field-label" htmlFor={`${id}-template`}>
            <Trans context="channel message kind">Template</Trans>
          </label>
          <div className="template-row">
            <select
              id={`${id}-template`}
              className="field-input"
              value={template}
              onChange={(e) => setTemplate(e.target.value)}
            >
              {templates.map((t) => (
                <option key={t.name} value={t.name} data-i18n-data>
                  {t.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-secondary" disabled={busy || !template}>
              <Trans>Send template</Trans>
            </button>
          </div>
          {chosen && (
            <p className="reply-note" dir="auto" data-i18n-data>
              {chosen.text}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
