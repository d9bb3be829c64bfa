import { useEffect } from 'react';
import { RegistrationState } from '../../stores/phone-types';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { useRegistrationStore } from '../../stores/registration';
import { useTabBadges } from '../../stores/tab-badges';
import { voicemailInbox } from '../../stores/voicemail-instance';
import { formatTime } from '../../lib/format-time';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { VoicemailItem } from './VoicemailItem';
import './voicemail.css';

/** Route `/voicemail`: the mailbox, newest first; reloads when MWI says the unheard count changed. */
export function VoicemailScreen() {
  const { messages, next, status, error, savedAt } = voicemailInbox.useStore();
  const unheard = useTabBadges((s) => s.counts.voicemail ?? 0);
  const canCall = useRegistrationStore((s) => s.state === RegistrationState.Registered);

  useEffect(() => {
    void voicemailInbox.load();
  }, [unheard]);

  return (
    <Screen title="Voicemail" className="screen-voicemail">
      {error && (
        <p className="vm-error" role="alert">
          {error}
        </p>
      )}
      {savedAt !== null && (
        <p className="vm-saved" role="status">
          Not connected: these are the messages saved on this device at {formatTime(new Date(savedAt))}.
          Playing, downloading and deleting them need a connection.
        </p>
      )}
      {status === 'loading' && messages.length === 0 && <p className="vm-loading">Loading voicemail…</p>}
      {status !== 'loading' && messages.length === 0 && !error && (
        <EmptyState>
          No messages. When you are offline, busy or do not answer, callers can leave one here (on
          Openline&apos;s own SIP server; other phone systems can forward theirs).
        </EmptyState>
      )}
      {messages.length > 0 && (
        <ul className="vm-list" aria-label="Voicemail messages">
          {messages.map((m) => (
            <VoicemailItem
              key={m.id}
              message={m}
              canCall={canCall}
              onHeard={(id) => void voicemailInbox.markHeard(id)}
              onDelete={(id) => void voicemailInbox.remove(id)}
              onCallBack={(caller) => void phoneBridge.dial(caller, false)}
            />
          ))}
        </ul>
      )}
      {next && (
        <button
          type="button"
          className="button button-secondary vm-more"
          onClick={() => void voicemailInbox.loadMore()}
        >
          Load older messages
        </button>
      )}
    </Screen>
  );
}
