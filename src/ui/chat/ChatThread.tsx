import { useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChatProblem } from '../../api/webcall-chat';
import { ATTACHMENT_TYPES, formatBytes } from '../../lib/attachments';
import { formatTranscript, transcriptFileName } from '../../lib/chat-transcript';
import { chatProblemText } from './chat-problem-text';
import './chat.css';

/** What the thread shows of a message (plain data; text is rendered as text, never as HTML). */
export interface ThreadMessage {
  key: string;
  mine: boolean;
  who: string;
  text: string;
  at: number | null;
  /** Sending, or why sending failed (with Retry). */
  state: 'sent' | 'sending' | { error: ChatProblem };
  /** A file the message carries (no id while it is being sent). */
  file?: ThreadFile;
}

export interface ThreadFile {
  id?: string;
  name: string;
  type: string;
  size: number;
}

export interface ChatThreadProps {
  title: string;
  messages: ThreadMessage[];
  /** A note about the connection ("Reconnecting…"), why the conversation closed (worded here), or null. */
  notice: string | ChatProblem | null;
  /** Sending is possible (false once the conversation closed). */
  canSend: boolean;
  maxLength: number;
  /** Sends; answers why the text was refused (worded here), or null. */
  onSend(text: string): ChatProblem | null;
  onRetry(key: string): void;
  /** Offered as a .txt download when set. */
  transcript?: { prefix: string };
  placeholder?: string;
  /** Emoji offered as buttons under the composer (each adds itself to the message); none when unset. */
  emoji?: readonly Emoji[];
  /** "Ada is typing…" while the other side types, else null; unset: no typing line at all. */
  typing?: string | null;
  /** The draft changed (the conversation tells the other side this side is typing). */
  onDraftChange?(text: string): void;
  /** Offers an Attach button when set: sends a file, answers why it was refused (worded here), or null. */
  onAttach?(file: File): Promise<ChatProblem | null>;
  /** An object URL for a message's file (images show inline, PDFs as a link). */
  fileUrl?(id: string): Promise<string>;
}

/** A message's file: an image inline, a PDF as a download link, once fetched. */
function FileView({ file, load }: { file: ThreadFile; load?: (id: string) => Promise<string> }) {
  const { t } = useLingui();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!file.id || !load) return;
    let live = true;
    load(file.id).then(
      (u) => live && setUrl(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [file.id, load]);
  const name = file.name;
  const size = formatBytes(file.size);
  if (failed) return <span className="chat-file">{t`${name}: this file is not available.`}</span>;
  if (!url) return <span className="chat-file">{t`${name} (${size})`}</span>;
  if (file.type.startsWith('image/')) {
    return (
      <a className="chat-file" href={url} download={name} title={t`Download ${name}`}>
        <img className="chat-image" src={url} alt={name} />
      </a>
    );
  }
  return (
    <a className="chat-file" href={url} download={name} data-testid="chat-file-link">
      {t`${name} (PDF, ${size})`}
    </a>
  );
}

/** An emoji and what a screen reader says for it. */
export interface Emoji {
  char: string;
  name: string;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A conversation: the messages (a live log), a composer (Enter sends, Shift+Enter a new line). */
export function ChatThread(props: ChatThreadProps) {
  const { t, i18n } = useLingui();
  const timeOf = (at: number) => i18n.date(new Date(at), { timeStyle: 'short' });
  const stamp = (d: Date) => i18n.date(d, { dateStyle: 'medium', timeStyle: 'short' });
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<ChatProblem | null>(null);
  const wording = (p: string | ChatProblem) => (typeof p === 'string' ? p : chatProblemText(p, i18n));
  const list = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const problemId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const changeDraft = (text: string) => {
    setDraft(text);
    props.onDraftChange?.(text);
  };
  const attach = async (file: File | undefined) => {
    if (!file || !props.onAttach) return;
    setProblem(await props.onAttach(file));
    if (fileInput.current) fileInput.current.value = '';
  };

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.messages.length]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft.trim().length === 0) {
      setProblem({ code: 'empty' });
      return;
    }
    const refused = props.onSend(draft);
    setProblem(refused);
    if (!refused) setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <div className="chat-thread">
      <div
        className="chat-log"
        ref={list}
        role="log"
        aria-live="polite"
        aria-label={t`Messages: ${props.title}`}
        tabIndex={0}
      >
        {props.messages.length === 0 ? (
          <p className="chat-empty">{t`No messages yet.`}</p>
        ) : (
          <ol className="chat-messages">
            {props.messages.map((m) => (
              <li
                key={m.key}
                className={`chat-message ${m.mine ? 'chat-mine' : 'chat-theirs'}`}
                data-testid="chat-message"
              >
                <span className="chat-meta">
                  {m.who}
                  {m.at !== null && <time dateTime={new Date(m.at).toISOString()}> · {timeOf(m.at)}</time>}
                </span>
                {m.file ? (
                  <FileView file={m.file} {...(props.fileUrl ? { load: props.fileUrl } : {})} />
                ) : (
                  <span className="chat-text">{m.text}</span>
                )}
                {m.state === 'sending' && <span className="chat-state">{t`Sending…`}</span>}
                {typeof m.state === 'object' && (
                  <span className="chat-state chat-failed">
                    {t`Not sent: ${wording(m.state.error)}`}{' '}
                    <button type="button" className="chat-retry" onClick={() => props.onRetry(m.key)}>
                      {t`Retry`}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
      {props.typing !== undefined && (
        <p className="chat-typing" role="status" aria-live="polite" data-testid="chat-typing">
          {props.typing}
        </p>
      )}
      {props.notice && (
        <p className="chat-notice" role="status">
          {wording(props.notice)}
        </p>
      )}
      {props.canSend && (
        <form className="chat-composer" onSubmit={submit}>
          <label htmlFor={inputId} className="visually-hidden">
            {t({ message: 'Message', context: 'chat composer' })}
          </label>
          <textarea
            id={inputId}
            rows={2}
            value={draft}
            maxLength={props.maxLength}
            placeholder={props.placeholder ?? t`Type a message`}
            aria-describedby={problem ? problemId : undefined}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => changeDraft(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button button-primary">
            {t({ message: 'Send', context: 'chat message' })}
          </button>
          {props.onAttach && (
            <>
              <input
                ref={fileInput}
                type="file"
                className="visually-hidden"
                tabIndex={-1}
                aria-hidden="true"
                accept={ATTACHMENT_TYPES.join(',')}
                data-testid="chat-file-input"
                onChange={(e) => void attach(e.target.files?.[0])}
              />
              <div className="chat-tools">
                <button
                  type="button"
                  className="button button-secondary chat-attach"
                  onClick={() => fileInput.current?.click()}
                >
                  {t`Attach file`}
                </button>
              </div>
            </>
          )}
          {props.emoji && props.emoji.length > 0 && (
            <div className="chat-emoji" role="group" aria-label={t`Emoji`}>
              {props.emoji.map((e) => (
                <button
                  key={e.char}
                  type="button"
                  className="chat-emoji-button"
                  aria-label={t`Add ${e.name}`}
                  title={e.name}
                  onClick={() => {
                    changeDraft((draft + e.char).slice(0, props.maxLength));
                    document.getElementById(inputId)?.focus();
                  }}
                >
                  {e.char}
                </button>
              ))}
            </div>
          )}
        </form>
      )}
      {problem && (
        <p id={problemId} className="chat-problem" role="alert">
          {wording(problem)}
        </p>
      )}
      {props.transcript && (
        <button
          type="button"
          className="button button-secondary chat-transcript"
          disabled={props.messages.length === 0}
          onClick={() => {
            const now = new Date();
            const lines = props.messages
              .filter((m) => m.at !== null && m.state === 'sent')
              .map((m) => ({ at: m.at!, who: m.who, text: m.file ? `[${m.file.name}]` : m.text }));
            download(
              transcriptFileName(props.transcript!.prefix, now),
              formatTranscript(props.title, lines, stamp),
            );
          }}
        >
          {t`Download transcript`}
        </button>
      )}
    </div>
  );
}
