import type { I18n, MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import type { QualityMark, QualitySample } from '../../stores/call-quality';

const MARK_TEXT: Record<QualityMark, MessageDescriptor> = {
  good: msg({ message: 'Good', context: 'call quality' }),
  fair: msg({ message: 'Fair', context: 'call quality' }),
  poor: msg({ message: 'Poor', context: 'call quality' }),
};

/** Numbers with their units, in the active language's digits. */
function units(i18n: I18n) {
  const format = (value: number | null, options: Intl.NumberFormatOptions) =>
    value === null ? '–' : i18n.number(value, options);
  return {
    ms: (value: number | null) =>
      format(value, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }),
    kbps: (value: number | null) =>
      format(value, { style: 'unit', unit: 'kilobit-per-second', maximumFractionDigits: 0 }),
    percent: (value: number | null) =>
      format(value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    mos: (value: number | null) => format(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}

function markOf(sample: QualitySample | null, i18n: I18n): string {
  return i18n._(sample?.mark ? MARK_TEXT[sample.mark] : msg`Measuring…`);
}

/** The call view's quality mark, with the numbers behind it on demand (a disclosure). */
export function QualityIndicator({ sample }: { sample: QualitySample | null }) {
  const { i18n } = useLingui();
  const { ms, kbps, percent, mos } = units(i18n);
  const mark = markOf(sample, i18n);
  return (
    <details className="call-quality" data-testid="call-quality">
      <summary>
        <span className={`quality-dot quality-${sample?.mark ?? 'unknown'}`} aria-hidden="true" />
        <span>
          <Trans>
            Quality: <span data-testid="quality-mark">{mark}</span>
          </Trans>
        </span>
      </summary>
      <dl className="call-quality-details">
        <dt>
          <Trans>Round trip</Trans>
        </dt>
        <dd data-testid="quality-rtt">{ms(sample?.rttMs ?? null)}</dd>
        <dt>
          <Trans>Jitter</Trans>
        </dt>
        <dd>{ms(sample?.jitterMs ?? null)}</dd>
        <dt>
          <Trans>Packet loss</Trans>
        </dt>
        <dd>{percent(sample?.lossFraction ?? null)}</dd>
        <dt>
          <Trans>Receiving</Trans>
        </dt>
        <dd>{kbps(sample?.inKbps ?? null)}</dd>
        <dt>
          <Trans>Sending</Trans>
        </dt>
        <dd>{kbps(sample?.outKbps ?? null)}</dd>
        <dt>
          <Trans>Codec</Trans>
        </dt>
        <dd data-testid="quality-codec">{sample?.codec ?? '–'}</dd>
        <dt>
          <Trans>MOS estimate</Trans>
        </dt>
        <dd>{mos(sample?.mos ?? null)}</dd>
      </dl>
    </details>
  );
}

/** The call bar's compact mark: a dot with its meaning as text for screen readers and on hover. */
export function QualityDot({ sample }: { sample: QualitySample | null }) {
  const { t, i18n } = useLingui();
  const mark = markOf(sample, i18n);
  const text = t`Call quality: ${mark}`;
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
