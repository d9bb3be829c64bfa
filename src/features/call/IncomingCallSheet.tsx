import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import type { CallSnapshot } from '../../phone/types';
import { Avatar } from './Avatar';
import { useCallerName } from '../../stores/caller-name-instance';
import './incoming.css';
import { Icon } from '../../ui/icons';
import { ariaShortcut } from './shortcuts';
import { parseGuestUser } from '../../lib/guest-name';

interface IncomingCallSheetProps {
  call: CallSnapshot;
  onAnswer(video: boolean): void;
  onDecline(): void;
}

/** Full-screen "Incoming call" sheet with Answer / Answer with video / Decline. */
export function IncomingCallSheet({ call, onAnswer, onDecline }: IncomingCallSheetProps) {
  const { t } = useLingui();
  const answerRef = useRef<HTMLButtonElement>(null);
  const { name } = useCallerName(call);
  const guest = parseGuestUser(call.remoteUser) !== null;
  const detail = guest
    ? t`Guest from a call link`
    : name !== call.remoteUser
      ? call.remoteUser
      : call.remoteUri;

  useEffect(() => {
    answerRef.current?.focus();
  }, [call.id]);

  return (
    <div className="incoming-sheet" role="dialog" aria-modal="true" aria-label={t`Incoming call`}>
      <div className="incoming-body">
        <p className="incoming-kind">{call.video ? t`Incoming video call` : t`Incoming call`}</p>
        <Avatar name={name} className="incoming-avatar" />
        <h2 className="incoming-name">{name}</h2>
        {detail && (
          <p className="incoming-detail" dir={guest ? undefined : 'ltr'}>
            {detail}
          </p>
        )}
      </div>
      <div className="incoming-actions">
        <button
          type="button"
          className="round-button round-button-decline"
          aria-keyshortcuts={ariaShortcut('decline')}
          onClick={onDecline}
        >
          <Icon name="hangup" className="call-icon" />
          <span>
            <Trans>Decline</Trans>
          </span>
        </button>
        {call.video && (
          <button type="button" className="round-button round-button-answer" onClick={() => onAnswer(true)}>
            <Icon name="camera" className="call-icon" />
            <span>
              <Trans>Answer with video</Trans>
            </span>
          </button>
        )}
        <button
          ref={answerRef}
          type="button"
          className="round-button round-button-answer"
          aria-keyshortcuts={ariaShortcut('answer')}
          onClick={() => onAnswer(false)}
        >
          <Icon name="phone" className="call-icon" />
          <span>
            <Trans>Answer</Trans>
          </span>
        </button>
      </div>
    </div>
  );
}
