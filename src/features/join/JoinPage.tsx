import { useEffect, useState } from 'react';
import {
  describeLinkError,
  fetchClientConfig,
  joinAddressOf,
  LinkError,
  openJoinLink,
  stripJoinSecrets,
} from '../../stores/webcall-join';
import type { OpenedLink } from '../../webcall/link';
import type { JoinAddress } from '../../webcall/location';
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
  | { name: 'checking' }
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

/** Verifies the link (signature, published servers) before anything from it reaches the screen. */
async function verifiedPhase(address: JoinAddress): Promise<{ phase: Phase; payload: JoinPayload | null }> {
  const result = await openJoinLink(address, () => fetchClientConfig());
  if (!result.ok) return { phase: { name: 'link-error', error: result.error }, payload: null };
  if (result.value.kind === 'protected')
    return { phase: { name: 'password', link: result.value }, payload: null };
  return { phase: { name: 'prejoin' }, payload: result.value.payload };
}

/** Route `/join`: a customer opens a call link (no account, no tabs). */
export function JoinPage() {
  const [start] = useState(() => joinAddressOf(window.location));
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [payload, setPayload] = useState<JoinPayload | null>(null);

  useEffect(() => {
    let current = 0;
    const verify = (address: JoinAddress) => {
      const run = ++current;
      setPayload(null);
      setPhase({ name: 'checking' });
      void verifiedPhase(address).then((next) => {
        if (run !== current) return;
        setPayload(next.payload);
        setPhase(next.phase);
      });
    };
    // The link has been copied: take its secret part out of the address bar and history.
    stripJoinSecrets(window.location, window.history);
    document.title = 'Join video call · Openline';
    verify(start);
    // Another link pasted into this tab only changes the fragment: start over with it.
    const onHashChange = () => {
      if (window.location.hash.length <= 1) return;
      const next = joinAddressOf(window.location);
      stripJoinSecrets(window.location, window.history);
      verify(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      current = -1;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [start]);

  const toPrejoin = () => {
    const expired = payload && expiredError(payload);
    setPhase(expired ? { name: 'link-error', error: expired } : { name: 'prejoin' });
  };

  let content;
  switch (phase.name) {
    case 'checking':
      content = (
        <section className="join-card" aria-busy="true">
          <p className="join-message">Checking the call link…</p>
        </section>
      );
      break;
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
