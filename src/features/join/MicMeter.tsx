import { useLingui } from '@lingui/react/macro';
import { useId } from 'react';
import { useMicLevel } from './useMicLevel';

/**
 * The pre-join microphone level. Its own component because the level changes about 15 times a second:
 * only this meter re-renders then, not the whole pre-join screen (on a slow phone those renders were
 * long tasks while the page was still loading).
 */
export function MicMeter({ stream }: { stream: MediaStream | null }) {
  const id = useId();
  const { t } = useLingui();
  const level = useMicLevel(stream);
  return (
    <div className="join-meter-row">
      <span id={`${id}-meter`} className="field-label">
        {t`Microphone level`}
      </span>
      <div
        className="join-meter"
        role="meter"
        aria-labelledby={`${id}-meter`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
      >
        <div className="join-meter-fill" style={{ transform: `scaleX(${level})` }} />
      </div>
    </div>
  );
}
