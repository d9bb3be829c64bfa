import { useLingui } from '@lingui/react/macro';
import type { ReactNode } from 'react';
import './room.css';

interface MediaControlsProps {
  muted: boolean;
  cameraOff: boolean;
  /** No session yet (or any more): the buttons show their state but do nothing. */
  disabled?: boolean;
  onMutedChange(muted: boolean): void;
  onCameraOffChange(off: boolean): void;
  /** False for an audio-only call: no camera button (default true). */
  camera?: boolean;
  /** Accessible name of the group. */
  label: string;
  /** Further buttons after mute and camera (Leave). */
  children?: ReactNode;
}

/** Mute and camera toggles (state from the room's store, not from the buttons): shared by every room view. */
export function MediaControls(props: MediaControlsProps) {
  const { muted, cameraOff, disabled = false } = props;
  const { t } = useLingui();
  return (
    <div className="room-controls" role="group" aria-label={props.label}>
      <Toggle pressed={muted} disabled={disabled} onToggle={props.onMutedChange}>
        {muted ? t`Unmute` : t`Mute`}
      </Toggle>
      {props.camera !== false && (
        <Toggle pressed={cameraOff} disabled={disabled} onToggle={props.onCameraOffChange}>
          {cameraOff ? t`Camera on` : t`Camera off`}
        </Toggle>
      )}
      {props.children}
    </div>
  );
}

function Toggle(props: {
  pressed: boolean;
  disabled: boolean;
  onToggle(next: boolean): void;
  children: string;
}) {
  return (
    <button
      type="button"
      className="button button-secondary"
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={() => props.onToggle(!props.pressed)}
    >
      {props.children}
    </button>
  );
}
