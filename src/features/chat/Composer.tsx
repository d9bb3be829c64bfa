import { useId, useState, type KeyboardEvent } from 'react';
import { MAX_CHAT_CHARS } from '../../stores/chat';

/** The message field: Enter sends, Shift+Enter starts a new line; typing drives the "typing" indication. */
export function Composer({
  onSend,
  onTyped,
  disabled,
}: {
  onSend: (text: string) => void;
  onTyped: (text: string) => void;
  disabled: boolean;
}) {
  const [text, setText] = useState('');
  const id = useId();
  const hintId = useId();
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
  return (
    <form
      className="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        id={id}
        rows={2}
        value={text}
        maxLength={MAX_CHAT_CHARS}
        placeholder="Message"
        aria-describedby={hintId}
        onChange={(event) => {
          setText(event.target.value);
          onTyped(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <button type="submit" className="button button-answer" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
