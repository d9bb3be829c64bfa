import { useEffect, useState } from 'react';
import { describeLinkError, LinkError } from '../../webcall/errors';
import type { OpenedLink } from '../../webcall/link';
import { readJoinLink, stripJoinSecrets } from '../../webcall/location';
import type { JoinPayload } from '../../webcall/payload';
import type { RoomEndReason, RoomError } from '../../webcall/rooms';
import { EndedScreen } from './EndedScreen';
import { InRoom } from './InRoom';
import { JoinErrorScreen } from './JoinErrorScreen';
import { LinkErrorScreen } from './LinkErrorScreen';
import { formatTime } from './messages';
import { PasswordForm } from './PasswordForm';
import { PreJoin, type JoinChoices } from './PreJoin';
import './join.css';

type Phase =
  | { name: 'link-error'; error: LinkError }
  | { name: 'password'; link: Extract<OpenedLink, { kind: 'protected' }> }
  | { name: 'prejoin' }
  | { name: 'room'; choices: JoinChoices }
  | { name: 'ended'; reason: RoomEndReason | null; choices: JoinChoices }
  | { name: 'join-error'; error: RoomError };

function expiredError(payload: JoinPayload): LinkError | null {
  if (payload.exp * 1000 >= Date.now()) return null;
  const at = new Date(payload.exp * 1000);
  return new LinkError('expired', 'link expired', at);
}

function initialPhase(): { phase: Phase; payload: JoinPayload | null } {
  const result = readJoinLink(window.location);
  if (!result.ok) return { phase: { name: 'link-error', error: result.error }, payload: null };
  if (result.value.kind === 'protected')
    return { phase: { name: 'password', link: result.value }, payload: null };
  return { phase: { name: 'prejoin' }, payload: result.value.payload };
}

/** Route `/join`: a customer opens a call link (no account, no tabs). */
export function JoinPage() {
  const [start] = useState(initialPhase);
  const [phase, setPhase] = useState<Phase>(start.phase);
  const [payload, setPayload] = useState<JoinPayload | null>(start.payload);

  useEffect(() => {
    // The link's secret part has been read: take it out of the address bar and history.
    stripJoinSecrets(window.location, window.history);
    document.title = 'Join video call · Openline';
    // Another link pasted into this tab only changes the fragment: start over with it.
    const onHashChange = () => {
      if (window.location.hash.length <= 1) return;
      const next = initialPhase();
      stripJoinSecrets(window.location, window.history);
      setPayload(next.payload);
      setPhase(next.phase);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const toPrejoin = () => {
    const expired = payload && expiredError(payload);
    setPhase(expired ? { name: 'link-error', error: expired } : { name: 'prejoin' });
  };

  let content;
  switch (phase.name) {
    case 'link-error':
      content = (
        <LinkErrorScreen message={describeLinkError(phase.error, formatTime)} code={phase.error.code} />
      );
      break;
    case 'password':
      content = (
        <PasswordForm
          link={phase.link}
          onUnlocked={(p) => {
            setPayload(p);
            setPhase({ name: 'prejoin' });
          }}
          onLinkError={(error) => setPhase({ name: 'link-error', error })}
        />
      );
      break;
    case 'prejoin':
      content = payload && (
        <PreJoin
          payload={payload}
          onJoin={(choices) => {
            const expired = expiredError(payload);
            setPhase(expired ? { name: 'link-error', error: expired } : { name: 'room', choices });
          }}
        />
      );
      break;
    case 'room':
      content = payload && (
        <InRoom
          payload={payload}
          choices={phase.choices}
          onEnded={(reason) => setPhase({ name: 'ended', reason, choices: phase.choices })}
          onFailed={(error) => setPhase({ name: 'join-error', error })}
        />
      );
      break;
    case 'ended':
      content = payload && (
        <EndedScreen
          payload={payload}
          reason={phase.reason}
          onRejoin={() => {
            const expired = expiredError(payload);
            setPhase(
              expired ? { name: 'link-error', error: expired } : { name: 'room', choices: phase.choices },
            );
          }}
        />
      );
      break;
    case 'join-error':
      content = <JoinErrorScreen error={phase.error} onRetry={toPrejoin} />;
      break;
  }

  return (
    <div className="join">
      <header className="join-header">
        <img className="app-logo" src="/icons/icon.svg" alt="" width="28" height="28" />
        <span className="join-brand">Openline video call</span>
      </header>
      <main id="main" className="join-main" data-phase={phase.name}>
        {content}
      </main>
    </div>
  );
}
