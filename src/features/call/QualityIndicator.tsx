import type { QualityMark, QualitySample } from '../../stores/call-quality';

const MARK_TEXT: Record<QualityMark, string> = { good: 'Good', fair: 'Fair', poor: 'Poor' };

const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);
const kbps = (value: number | null) => (value === null ? '–' : `${Math.round(value)} kbit/s`);
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

function markOf(sample: QualitySample | null): string {
  return sample?.mark ? MARK_TEXT[sample.mark] : 'Measuring…';
}

/** The call view's quality mark, with the numbers behind it on demand (a disclosure). */
export function QualityIndicator({ sample }: { sample: QualitySample | null }) {
  return (
    <details className="call-quality" data-testid="call-quality">
      <summary>
        <span className={`quality-dot quality-${sample?.mark ?? 'unknown'}`} aria-hidden="true" />
        <span>
          Quality: <span data-testid="quality-mark">{markOf(sample)}</span>
        </span>
      </summary>
      <dl className="call-quality-details">
        <dt>Round trip</dt>
        <dd data-testid="quality-rtt">{ms(sample?.rttMs ?? null)}</dd>
        <dt>Jitter</dt>
        <dd>{ms(sample?.jitterMs ?? null)}</dd>
        <dt>Packet loss</dt>
        <dd>{percent(sample?.lossFraction ?? null)}</dd>
        <dt>Receiving</dt>
        <dd>{kbps(sample?.inKbps ?? null)}</dd>
        <dt>Sending</dt>
        <dd>{kbps(sample?.outKbps ?? null)}</dd>
        <dt>Codec</dt>
        <dd data-testid="quality-codec">{sample?.codec ?? '–'}</dd>
        <dt>MOS estimate</dt>
        <dd>{sample?.mos?.toFixed(1) ?? '–'}</dd>
      </dl>
    </details>
  );
}

/** The call bar's compact mark: a dot with its meaning as text for screen readers and on hover. */
export function QualityDot({ sample }: { sample: QualitySample | null }) {
  const text = `Call quality: ${markOf(sample).toLowerCase()}`;
  return (
    <span
      className={`quality-dot quality-${sample?.mark ?? 'unknown'}`}
      role="img"
      aria-label={text}
      title={text}
      data-testid="call-bar-quality"
    />
  );
}
