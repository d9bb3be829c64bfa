import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useCallerName } from '../../stores/caller-name-instance';
import { CallState, type CallSnapshot } from '../../stores/phone-types';
import { Icon } from '../../ui/icons';
import { callStatusText } from './call-status';
import { CallTimer } from './CallTimer';
import { QualityDot } from './QualityIndicator';
import type { QualitySample } from '../../stores/call-quality';
import { ariaShortcut } from './shortcuts';
import { CallToggle, MuteHoldToggles } from './CallToggle';
import './call-bar.css';
import './quality.css';

interface CallBarProps {
  call: CallSnapshot;
  onToggleMute(): void;
  onToggleHold(): void;
  onHangup(): void;
  onExpand(): void;
  /** The browser refused to start the call audio until a user gesture. */
  audioBlocked?: boolean;
  onPlayAudio?(): void;
  /** The latest call-quality sample (issue 11): a compact dot. */
  quality?: QualitySample | null;
  /** The line list (LineList, compact), shown when there is more than one line. */
  lines?: ReactNode;
}

/**
 * The compact call: who, how long, mute, hold, hang up and expand, in the shell's bar slot (above the
 * tab bar on phones, under the screen on desktops) while the user works in any tab. A click anywhere
 * on the bar outside its buttons opens the full view too; the Expand button is the keyboard's way.
 */
export function CallBar(props: CallBarProps) {
  const { call, onToggleMute, onToggleHold, onHangup, onExpand } = props;
  const { t, i18n } = useLingui();
  const { name } = useCallerName(call);
  const expandRef = useRef<HTMLButtonElement>(null);
  const ended = call.state === CallState.Ended;
  const active = call.state === CallState.Active;

  // The bar appears when the user minimises the view: keep their focus on the call.
  useEffect(() => {
    expandRef.current?.focus();
  }, [call.id]);

  const expandFromBar = (event: MouseEvent<HTMLElement>) => {
    if (!(event.target as Element).closest('button')) onExpand();
  };

  return (
    <section className="call-bar" aria-label={t`Call with ${name}, minimised`} onClick={expandFromBar}>
      <div className="call-bar-info">
        <span className="call-bar-name" data-testid="call-bar-name">
          {active && <QualityDot sample={props.quality ?? null} />}
          {name}
        </span>
        <span className="call-bar-status">
          <span data-testid="call-status" aria-live="polite">
            {callStatusText(call, i18n)}
          </span>
          {call.answeredAt !== null && (
            <>
              <span aria-hidden="true"> · </span>
              <CallTimer answeredAt={call.answeredAt} endedAt={call.endedAt} />
            </>
          )}
        </span>
      </div>
      <div className="call-bar-controls" role="group" aria-label={t`Call controls`}>
        {props.audioBlocked && props.onPlayAudio && (
          <CallToggle look="bar" label={t`Play call audio`} icon="phone" onClick={props.onPlayAudio} />
        )}
        <MuteHoldToggles look="bar" call={call} onToggleMute={onToggleMute} onToggleHold={onToggleHold} />
        <CallToggle
          look="bar"
          extraClass="call-bar-hangup"
          label={t`Hang up`}
          icon="hangup"
          disabled={ended}
          shortcut={ariaShortcut('hangup')}
          onClick={onHangup}
        />
        <button ref={expandRef} type="button" className="call-bar-button" onClick={onExpand}>
          <Icon name="expand" className="call-bar-icon" />
          <span className="call-bar-label">
            <Trans>Expand</Trans>
          </span>
        </button>
      </div>
      {props.lines}
    </section>
  );
}
