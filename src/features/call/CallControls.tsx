import { CallState, type CallSnapshot } from '../../stores/phone-types';
import { Icon, type IconName } from '../../ui/icons';
import { ariaShortcut } from './shortcuts';

interface ToggleProps {
  label: string;
  pressed: boolean;
  icon: IconName;
  disabled?: boolean;
  onClick(): void;
  controls?: string;
  /** `aria-keyshortcuts` (see shortcuts.ts). */
  shortcut?: string;
}

/** A control whose name stays fixed while `aria-pressed` carries its state. */
function Toggle({ label, pressed, icon, disabled, onClick, controls, shortcut }: ToggleProps) {
  return (
    <button
      type="button"
      className="call-control"
      aria-pressed={pressed}
      aria-controls={pressed ? controls : undefined} // it names an element only while that is shown
      aria-keyshortcuts={shortcut}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} className="call-icon" />
      <span className="call-control-label">{label}</span>
    </button>
  );
}

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
  const ended = call.state === CallState.Ended;
  const active = call.state === CallState.Active;
  return (
    <div className="call-controls" role="group" aria-label="Call controls">
      <Toggle
        label="Mute"
        icon={call.muted ? 'mic-off' : 'mic'}
        pressed={call.muted}
        disabled={ended}
        onClick={onToggleMute}
        shortcut={ariaShortcut('mute')}
      />
      {call.video && (
        <Toggle
          label="Camera off"
          icon={call.cameraOff ? 'camera-off' : 'camera'}
          pressed={call.cameraOff}
          disabled={ended}
          onClick={onToggleCamera}
        />
      )}
      <Toggle
        label="Hold"
        icon="hold"
        pressed={call.held}
        disabled={!active}
        onClick={onToggleHold}
        shortcut={ariaShortcut('hold')}
      />
      <Toggle
        label="Keypad"
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
        <Icon name="transfer" className="call-icon" />
        <span className="call-control-label">Transfer</span>
      </button>
      <button
        type="button"
        className="call-control call-control-hangup"
        aria-keyshortcuts={ariaShortcut('hangup')}
        disabled={ended}
        onClick={onHangup}
      >
        <Icon name="hangup" className="call-icon" />
        <span className="call-control-label">Hang up</span>
      </button>
    </div>
  );
}
