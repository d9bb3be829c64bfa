import { useLingui } from '@lingui/react/macro';
import { TEXT_SCALES } from '../../stores/join-widget';

/** "Text size" buttons in the join page header (when the operator allows resizing). */
export function TextSize({ scale, onStep }: { scale: number; onStep(step: 1 | -1): void }) {
  const { t, i18n } = useLingui();
  const percent = i18n.number(TEXT_SCALES[scale]!, { style: 'percent' });
  return (
    <div className="join-text-size" role="group" aria-label={t`Text size, ${percent}`}>
      <button
        type="button"
        className="button button-secondary"
        aria-label={t`Smaller text`}
        disabled={scale === 0}
        onClick={() => onStep(-1)}
      >
        A−
      </button>
      <button
        type="button"
        className="button button-secondary"
        aria-label={t`Larger text`}
        disabled={scale === TEXT_SCALES.length - 1}
        onClick={() => onStep(1)}
      >
        A+
      </button>
    </div>
  );
}
