import { TEXT_SCALES } from '../../stores/join-widget';

/** "Text size" buttons in the join page header (when the operator allows resizing). */
export function TextSize({ scale, onStep }: { scale: number; onStep(step: 1 | -1): void }) {
  const percent = Math.round(TEXT_SCALES[scale]! * 100);
  return (
    <div className="join-text-size" role="group" aria-label={`Text size, ${percent}%`}>
      <button
        type="button"
        className="button button-secondary"
        aria-label="Smaller text"
        disabled={scale === 0}
        onClick={() => onStep(-1)}
      >
        A−
      </button>
      <button
        type="button"
        className="button button-secondary"
        aria-label="Larger text"
        disabled={scale === TEXT_SCALES.length - 1}
        onClick={() => onStep(1)}
      >
        A+
      </button>
    </div>
  );
}
