import { Trans, useLingui } from '@lingui/react/macro';
import type { CallSnapshot } from '../../phone/types';
import { parseGuestUser } from '../../lib/guest-name';
import { useCallerName } from '../../stores/caller-name-instance';
import './incoming.css';
import { ariaShortcut } from './shortcuts';

interface CallWaitingBannerProps {
  call: CallSnapshot;
  onHoldAndAnswer(): void;
  onDecline(): void;
}

/** A second caller while already in a call. */
export function CallWaitingBanner({ call, onHoldAndAnswer, onDecline }: CallWaitingBannerProps) {
  const { t } = useLingui();
  const { name } = useCallerName(call);
  // A call link's customer has a generated SIP user, not a number to show.
  const number = parseGuestUser(call.remoteUser) ? name : call.remoteUser;
  return (
    <section className="call-waiting" aria-label={t`Call waiting`}>
      <p className="call-waiting-text">
        {name !== number ? (
          <Trans>
            <strong>{name}</strong> (<bdi>{number}</bdi>) is calling
          </Trans>
        ) : (
          <Trans>
            <strong>{name}</strong> is calling
          </Trans>
        )}
      </p>
      <div className="call-waiting-actions">
        <button
          type="button"
          className="button button-answer"
          aria-keyshortcuts={ariaShortcut('answer')}
          onClick={onHoldAndAnswer}
        >
          <Trans>Hold and answer</Trans>
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-keyshortcuts={ariaShortcut('decline')}
          onClick={onDecline}
        >
          <Trans>Decline</Trans>
        </button>
      </div>
    </section>
  );
}
