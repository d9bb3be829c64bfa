import type { CallSnapshot } from '../../phone/types';
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
  const { name } = useCallerName(call);
  return (
    <section className="call-waiting" aria-label="Call waiting">
      <p className="call-waiting-text">
        <strong>{name}</strong>
        {name !== call.remoteUser && <span> ({call.remoteUser})</span>} is calling
      </p>
      <div className="call-waiting-actions">
        <button
          type="button"
          className="button button-answer"
          aria-keyshortcuts={ariaShortcut('answer')}
          onClick={onHoldAndAnswer}
        >
          Hold and answer
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-keyshortcuts={ariaShortcut('decline')}
          onClick={onDecline}
        >
          Decline
        </button>
      </div>
    </section>
  );
}
