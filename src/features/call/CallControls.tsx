import { Trans, useLingui } from '@lingui/react/macro';
import { CallState, type CallSnapshot } from '../../stores/phone-types';
import { Icon } from '../../ui/icons';
import { CallToggle, MuteHoldToggles } from './CallToggle';
import { ariaShortcut } from './shortcuts';

interface CallControlsProps {
  call: CallSnapshot;
  keypadOpen: boolean;
  keypadId: string;
  onToggleMute(): void;
  onToggleCamera(): void;
  onToggleHold(): void;
  onToggleKeypad(): void;
  /** Opens the transfer dialog. */
  onTransfer(): void;
  onHangup(): void;
}

export function CallControls({
  call,
  keypadOpen,
  keypadId,
  onToggleMute,
  onToggleCamera,
  onToggleHold,
  onToggleKeypad,
  onTransfer,
  onHangup,
}: CallControlsProps) {
  const { t } = useLingui();
  const ended = call.state === CallState.Ended;
  const active = call.state === CallState.Active;
  return (
    <div className="call-controls" role="group" aria-label={t`Call controls`}>
      <MuteHoldToggles look="screen" call={call} onToggleMute={onToggleMute} onToggleHold={onToggleHold} />
      {call.video && (
        <CallToggle
          look="screen"
          label={t`Camera off`}
          icon={call.cameraOff ? 'camera-off' : 'camera'}
          pressed={call.cameraOff}
          disabled={ended}
          onClick={onToggleCamera}
        />
      )}
      <CallToggle
        look="screen"
        label={t`Keypad`}
        icon="keypad"
        pressed={keypadOpen}
        disabled={!active}
        onClick={onToggleKeypad}
        controls={keypadId}
        shortcut={ariaShortcut('keypad')}
      />
      <button
        type="button"
        className="call-control"
        aria-haspopup="dialog"
        aria-keyshortcuts={ariaShortcut('transfer')}
        disabled={!active}
        onClick={onTransfer}
      >
        <Icon name="transfer" className="call-icon call-icon-transfer" />
        <span className="call-control-label">
          <Trans>Transfer</Trans>
        </span>
      </button>
      <button
        type="button"
        className="call-control call-control-hangup"
        aria-keyshortcuts={ariaShortcut('hangup')}
        disabled={ended}
        onClick={onHangup}
      >
        <Icon name="hangup" className="call-icon" />
        <span className="call-control-label">
          <Trans>Hang up</Trans>
        </span>
      </button>
    </div>
  );
}
