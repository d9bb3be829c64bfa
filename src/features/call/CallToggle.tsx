/**
 * The call controls the call bar and the full call view share (issue 11: they each had their own
 * mute and hold buttons). One look per place: `bar` (compact, in the shell's bar slot) or `screen`
 * (the full view's control row); the name stays fixed while `aria-pressed` carries the state.
 */
import { useLingui } from '@lingui/react/macro';
import { selectInConference, useConference } from '../../stores/conference';
import { CallState, type CallSnapshot } from '../../stores/phone-types';
import { Icon, type IconName } from '../../ui/icons';
import { ariaShortcut } from './shortcuts';

export type ToggleLook = 'bar' | 'screen';

const CLASSES: Record<ToggleLook, { button: string; icon: string; label: string }> = {
  bar: { button: 'call-bar-button', icon: 'call-bar-icon', label: 'call-bar-label' },
  screen: { button: 'call-control', icon: 'call-icon', label: 'call-control-label' },
};

export interface CallToggleProps {
  look: ToggleLook;
  label: string;
  icon: IconName;
  onClick(): void;
  /** Omitted for plain buttons (hang up, expand). */
  pressed?: boolean;
  disabled?: boolean;
  /** `aria-keyshortcuts` (see shortcuts.ts). */
  shortcut?: string;
  /** Names an element only while it is shown (pressed). */
  controls?: string;
  extraClass?: string;
}

export function CallToggle(props: CallToggleProps) {
  const classes = CLASSES[props.look];
  return (
    <button
      type="button"
      className={props.extraClass ? `${classes.button} ${props.extraClass}` : classes.button}
      aria-pressed={props.pressed}
      aria-controls={props.pressed ? props.controls : undefined}
      aria-keyshortcuts={props.shortcut}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <Icon name={props.icon} className={classes.icon} />
      <span className={classes.label}>{props.label}</span>
    </button>
  );
}

interface MuteHoldProps {
  look: ToggleLook;
  call: CallSnapshot;
  onToggleMute(): void;
  onToggleHold(): void;
}

/** Mute (any call not ended) and Hold (a connected call), with their shortcuts. */
export function MuteHoldToggles({ look, call, onToggleMute, onToggleHold }: MuteHoldProps) {
  // A conference participant is not held alone (the engine refuses): Split first.
  const inConference = useConference((s) => selectInConference(s, call.id));
  const { t } = useLingui();
  return (
    <>
      <CallToggle
        look={look}
        label={t`Mute`}
        icon={call.muted ? 'mic-off' : 'mic'}
        pressed={call.muted}
        disabled={call.state === CallState.Ended}
        shortcut={ariaShortcut('mute')}
        onClick={onToggleMute}
      />
      <CallToggle
        look={look}
        label={t({ message: 'Hold', context: 'call control' })}
        icon="hold"
        pressed={call.held}
        disabled={call.state !== CallState.Active || inConference}
        shortcut={ariaShortcut('hold')}
        onClick={onToggleHold}
      />
    </>
  );
}
