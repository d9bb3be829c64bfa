import { Trans, useLingui } from '@lingui/react/macro';
import { useId, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { ATTACHMENT_TYPES } from '../../lib/attachments';
import { MAX_CHAT_CHARS, type AttachError } from '../../stores/chat';
import { Icon } from '../../ui/icons';
import { useFileSize } from './file-size';

/**
 * The message field: Enter sends, Shift+Enter starts a new line; typing drives the "typing" indication.
 * The paperclip (or a file dropped on the composer, or pasted into the field) sends an image or a PDF.
 */
export function Composer({
  onSend,
  onTyped,
  onFile,
  attaching,
  attachError,
  disabled,
}: {
  onSend: (text: string) => void;
  onTyped: (text: string) => void;
  onFile: (file: File) => void;
  attaching: boolean;
  attachError: AttachError | null;
  disabled: boolean;
}) {
  const { t } = useLingui();
  const refusal = useRefusal();
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const send = () => {
    if (!text.trim() || disabled) return;
    onSend(text);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const takeFile = (file: File | undefined) => {
    if (file && !disabled && !attaching) onFile(file);
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = [...event.clipboardData.files][0];
    if (!file) return; // ordinary text paste
    event.preventDefault();
    takeFile(file);
  };
  const onDragOver = (event: DragEvent<HTMLFormElement>) => {
    if (!event.dataTransfer.types.includes('Files') || disabled) return;
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    setDragging(false);
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    takeFile(event.dataTransfer.files[0]);
  };
  return (
    <>
      {(attaching || attachError) && (
        <p
          id={errorId}
          className={attachError ? 'chat-attach-error' : 'chat-attach-status'}
          role={attachError ? 'alert' : 'status'}
        >
          {attachError ? refusal(attachError) : t`Sending the file…`}
        </p>
      )}
      <form
        className={dragging ? 'chat-composer chat-composer-drop' : 'chat-composer'}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <button
          type="button"
          className="button button-secondary chat-attach"
          aria-label={t`Attach an image or PDF`}
          title={t`Attach an image or PDF`}
          aria-describedby={attachError ? errorId : undefined}
          disabled={disabled || attaching}
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="paperclip" className="chat-attach-icon" />
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          data-testid="chat-file"
          accept={ATTACHMENT_TYPES.join(',')}
          onChange={(event) => {
            takeFile(event.target.files?.[0]);
            event.target.value = ''; // the same file can be chosen again
          }}
        />
        <label htmlFor={id} className="visually-hidden">
          <Trans>Message</Trans>
        </label>
        <textarea
          id={id}
          rows={2}
          value={text}
          maxLength={MAX_CHAT_CHARS}
          placeholder={t`Message`}
          aria-describedby={hintId}
          onChange={(event) => {
            setText(event.target.value);
            onTyped(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <span id={hintId} className="visually-hidden">
          <Trans>Enter sends, Shift+Enter starts a new line. Paste or drop a file to send it.</Trans>
        </span>
        <button type="submit" className="button button-answer" disabled={disabled || !text.trim()}>
          <Trans>Send</Trans>
        </button>
      </form>
    </>
  );
}

/** Why a file was not sent, as a sentence in the active language. */
function useRefusal(): (error: AttachError) => string {
  const { t } = useLingui();
  const fileSize = useFileSize();
  return ({ name, problem }) => {
    switch (problem.kind) {
      case 'empty':
        return t`${name} is empty.`;
      case 'too-big': {
        const size = fileSize(problem.size);
        const max = fileSize(problem.max);
        return t`${name} is too big (${size}); files can be at most ${max}.`;
      }
      case 'not-allowed':
        return t`${name} cannot be sent: only images (PNG, JPEG, WebP, GIF) and PDFs can.`;
      case 'upload': {
        const reason = problem.reason;
        return t`${name} was not sent: ${reason}`;
      }
    }
  };
}
