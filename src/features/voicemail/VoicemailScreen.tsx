import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import { RegistrationState } from '../../stores/phone-types';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { useRegistrationStore } from '../../stores/registration';
import { useTabBadges } from '../../stores/tab-badges';
import { voicemailInbox } from '../../stores/voicemail-instance';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { VoicemailItem } from './VoicemailItem';
import './voicemail.css';

/** Route `/voicemail`: the mailbox, newest first; reloads when MWI says the unheard count changed. */
export function VoicemailScreen() {
  const { messages, next, status, error, unreachable, savedAt } = voicemailInbox.useStore();
  const unheard = useTabBadges((s) => s.counts.voicemail ?? 0);
  const canCall = useRegistrationStore((s) => s.state === RegistrationState.Registered);
  const { i18n, t } = useLingui();
  const savedTime =
    savedAt === null ? '' : i18n.date(new Date(savedAt), { dateStyle: 'medium', timeStyle: 'short' });

  useEffect(() => {
    void voicemailInbox.load();
  }, [unheard]);

  return (
    <Screen title={t({ message: 'Voicemail', context: 'screen title' })} className="screen-voicemail">
      {error && (
        <div className="vm-error" role="alert">
          <p>
            {unreachable ? (
              <Trans>
                Cannot reach the server. Your voicemail will show here once the connection is back.
              </Trans>
            ) : (
              error
            )}
          </p>
          {status === 'error' && messages.length === 0 && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void voicemailInbox.load()}
            >
              <Trans>Try again</Trans>
            </button>
          )}
        </div>
      )}
      {savedAt !== null && (
        <p className="vm-saved" role="status">
          <Trans>
            Not connected: these are the messages saved on this device at {savedTime}. Playing, downloading
            and deleting them need a connection.
          </Trans>
        </p>
      )}
      {status === 'loading' && messages.length === 0 && (
        <p className="vm-loading">
          <Trans>Loading voicemail…</Trans>
        </p>
      )}
      {status !== 'loading' && messages.length === 0 && !error && (
        <EmptyState>
          <Trans>
            No messages. When you are offline, busy or do not answer, callers can leave one here (on
            Openline’s own SIP server; other phone systems can forward theirs).
          </Trans>
        </EmptyState>
      )}
      {messages.length > 0 && (
        <ul className="vm-list" aria-label={t`Voicemail messages`}>
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
          <Trans>Load older messages</Trans>
        </button>
      )}
    </Screen>
  );
}
