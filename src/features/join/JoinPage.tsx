import { useLingui } from '@lingui/react/macro';
import { activateLocale, isAppLocale } from '../../i18n';
import { lazy, Suspense, useEffect, useId, useRef, useState, type ComponentType } from 'react';
import type { PreChatAnswers } from '../../api/pre-chat';
import { TEXT_SCALES } from '../../stores/join-widget';
import { joinAvailability, joinPage, joinWidget, preChatMemory } from '../../stores/join-page-instance';
import { EndedScreen } from './EndedScreen';
import { InRoom } from './InRoom';
import { JoinErrorScreen } from './JoinErrorScreen';
import { LinkErrorScreen } from './LinkErrorScreen';
import { PasswordForm } from './PasswordForm';
import { PreJoin } from './PreJoin';
import { TextSize } from './TextSize';
import { OpenlineLogo } from '../../ui/OpenlineLogo';
import { useWidgetLook, useWidgetTitle } from './useWidgetLook';
import type { JoinChatProps } from './JoinChat';
import './join.css';

// The conversation with the agent loads after the page (its own chunk; docs/performance.md budget).
const loadJoinChat = () => import('./JoinChat');
// The pre-chat form and the forms engine load only when the operator has one.
const PreChatForm = lazy(() => import('./PreChatForm'));

/** Views in which the customer can chat: from the pre-join screen until the link expires. */
const CHAT_VIEWS = new Set(['prejoin', 'room', 'ended', 'join-error']);

/** Route `/join`: a customer opens a call link (no account, no tabs). */
export function JoinPage() {
  const { t } = useLingui();
  const { view, payload } = joinPage.useStore();
  const { widget, settled, textScale } = joinWidget.useStore();
  useWidgetLook(widget, TEXT_SCALES[textScale] ?? 1);
  const title = useWidgetTitle(widget);
  const [answered, setAnswered] = useState<Record<string, PreChatAnswers>>({});
  const roomId = payload?.roomId;
  const preChat = roomId ? (answered[roomId] ?? preChatMemory.recall(roomId)) : null;
  // The answers travel with the chat session, so a link without a chat (legacy Sendbird) has no form.
  const needsPreChat = widget.preChat.enabled && Boolean(payload?.chatKey) && !preChat;

  useEffect(() => {
    void joinWidget.load();
    void joinPage.open();
    // Another link pasted into this tab only changes the fragment: start over with it.
    const onHashChange = () => {
      if (window.location.hash.length > 1) void joinPage.open();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  // Busy / closed before joining (ADR 0026): asked while the pre-join screen shows, for links with a key.
  const availability = joinAvailability.useStore((s) => s.availability);
  const chatKey = payload?.chatKey;
  const onPreJoin = view.name === 'prejoin';
  useEffect(() => {
    if (!onPreJoin || !roomId || !chatKey) return;
    return joinAvailability.watch(roomId, chatKey);
  }, [onPreJoin, roomId, chatKey]);

  // The header's tools (text size, chat) appear in one commit, once the operator's settings are here and,
  // for a link with a chat, its chunk too: a Chat button added a commit after the text size buttons moved
  // them aside (a layout shift, docs/performance.md).
  const withChat = Boolean(chatKey) && CHAT_VIEWS.has(view.name) && !needsPreChat;
  const {
    Chat: JoinChat,
    failed: chatFailed,
    loading: chatLoading,
    retry: retryChat,
  } = useJoinChatChunk(Boolean(chatKey));
  // After a retry, focus goes from the retry button (gone) to the chat's own button.
  const focusChatWhenLoaded = useRef(false);
  useEffect(() => {
    if (!JoinChat || !focusChatWhenLoaded.current) return;
    focusChatWhenLoaded.current = false;
    document.querySelector<HTMLElement>('.join-header-tools .join-chat-toggle')?.focus();
  }, [JoinChat]);
  // Not while the link is checked: whether it has a chat is not known yet.
  const firstTools = settled && view.name !== 'checking' && (!withChat || JoinChat !== null || chatFailed);
  // Once shown, the text size buttons stay while a chat that comes later loads (a link unlocked by its
  // password, a pre-chat form answered): that chat's button is added after the customer's own action.
  const [toolsShown, setToolsShown] = useState(false);
  if (firstTools && !toolsShown) setToolsShown(true);
  const toolsReady = firstTools || toolsShown;

  // The operator's widget may name the page's language; "browser" keeps the one start-join.ts picked.
  const language = widget.language;
  useEffect(() => {
    if (isAppLocale(language)) void activateLocale(language);
  }, [language]);

  let content;
  switch (view.name) {
    case 'checking':
      content = (
        <section className="join-card" aria-busy="true">
          <p className="join-message">{t`Checking the call link…`}</p>
        </section>
      );
      break;
    case 'link-error':
      content = <LinkErrorScreen error={view.error} />;
      break;
    case 'password':
      content = <PasswordForm expiresAt={new Date(view.expiresAt)} onUnlock={joinPage.unlock} />;
      break;
    case 'prejoin':
      if (!settled) {
        content = (
          <section className="join-card" aria-busy="true">
            <p className="join-message">{t`Checking the call link…`}</p>
          </section>
        );
      } else if (needsPreChat && payload) {
        content = (
          <Suspense fallback={null}>
            <PreChatForm
              preChat={widget.preChat}
              agentName={payload.agentName}
              onDone={(answers) => {
                preChatMemory.keep(payload.roomId, answers);
                setAnswered((a) => ({ ...a, [payload.roomId]: answers }));
              }}
            />
          </Suspense>
        );
      } else {
        content = payload && <PreJoin payload={payload} availability={availability} onJoin={joinPage.join} />;
      }
      break;
    case 'room':
      content = <InRoom agentName={payload?.agentName} audioOnly={payload?.media === 'audio'} />;
      break;
    case 'ended':
      content = payload && <EndedScreen payload={payload} reason={view.reason} onRejoin={joinPage.rejoin} />;
      break;
    case 'join-error':
      content = <JoinErrorScreen error={view.error} onRetry={joinPage.retry} />;
      break;
  }

  return (
    <div className="join">
      <header className="join-header">
        <OpenlineLogo className="app-logo" />
        <span className="join-brand">{title}</span>
        <div className="join-header-tools">
          {toolsReady && widget.fontResize && <TextSize scale={textScale} onStep={joinWidget.resizeText} />}
          {/* The chat waits for the settings (its reconnect time); they come while the link is checked. */}
          {settled && withChat && JoinChat && payload?.chatKey && (
            <JoinChat
              key={payload.roomId}
              roomId={payload.roomId}
              chatKey={payload.chatKey}
              agentName={payload.agentName}
              customerName={payload.customerName}
              transcript={widget.transcript}
              emoji={widget.emoji}
              reconnectSeconds={widget.reconnectSeconds}
              preChat={preChat}
            />
          )}
        </div>
      </header>
      {settled && withChat && !JoinChat && chatFailed && (
        <ChatRetry
          loading={chatLoading}
          onRetry={() => {
            focusChatWhenLoaded.current = true;
            retryChat();
          }}
        />
      )}
      <main id="main" className="join-main" data-phase={view.name}>
        {content}
      </main>
    </div>
  );
}

/**
 * The chat's component once its chunk has loaded (asked for as soon as the link shows it has a chat).
 * If that fails, `failed` (the page goes on without it; its tools are not held back) until `retry`.
 */
function useJoinChatChunk(wanted: boolean): {
  Chat: ComponentType<JoinChatProps> | null;
  failed: boolean;
  loading: boolean;
  retry: () => void;
} {
  const [Chat, setChat] = useState<ComponentType<JoinChatProps> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [failedAttempt, setFailedAttempt] = useState(-1);
  useEffect(() => {
    if (!wanted || Chat) return;
    let current = true;
    let drawing: ReturnType<typeof setTimeout> | undefined;
    loadJoinChat().then(
      // The chunk is evaluated in the task that resolves this; its first render gets a task of its own, so
      // neither is a long task on a phone (docs/performance.md, session 28).
      (module) => {
        drawing = setTimeout(() => current && setChat(() => module.default), 0);
      },
      (e: unknown) => {
        console.warn('Openline: the chat could not be loaded', e);
        if (current) setFailedAttempt(attempt);
      },
    );
    return () => {
      current = false;
      clearTimeout(drawing);
    };
  }, [wanted, Chat, attempt]);
  return {
    Chat,
    failed: failedAttempt >= 0,
    loading: failedAttempt >= 0 && failedAttempt < attempt,
    retry: () => setAttempt((a) => a + 1),
  };
}

/**
 * Under the header, in place of the chat's button, after its chunk failed to load (offline a moment, a
 * deploy meanwhile): says so, and retries. Not in the header's tools: beside the text size buttons a
 * "Retry chat" button is wider than a 390 px phone leaves, and the whole row wrapped.
 */
function ChatRetry({ loading, onRetry }: { loading: boolean; onRetry: () => void }) {
  const { t } = useLingui();
  const why = useId();
  return (
    <div className="join-chat-failed">
      <p id={why} role="status">
        {t`The chat could not be loaded.`}
      </p>
      <button
        type="button"
        className="button button-secondary join-chat-toggle"
        aria-disabled={loading}
        aria-describedby={why}
        onClick={() => !loading && onRetry()}
      >
        {loading ? t`Loading chat…` : t`Retry chat`}
      </button>
    </div>
  );
}
