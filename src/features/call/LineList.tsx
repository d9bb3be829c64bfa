import { useLingui } from '@lingui/react/macro';
import { formatCount } from '../../i18n';
import { callerName } from '../../stores/caller-name-instance';
import { CallState, type CallSnapshot, type TransferStatus } from '../../stores/phone-types';
import { lineStatusText } from './call-status';
import { CallTimer } from './CallTimer';
import './lines.css';

interface LineListProps {
  lines: CallSnapshot[];
  /** The line the controls act on. */
  currentId: string | null;
  /** Transfers in progress, by call id (a line being transferred says so). */
  transfers: Record<string, TransferStatus>;
  /** Make this line the current one (a held line is resumed: swap). */
  onChoose(callId: string): void;
  /** The calls in the conference, if any: they say so and offer no Swap (both talk). */
  conferenceIds?: readonly string[];
  /** `compact`: one row per line in the call bar (phones, 200 % zoom); `full`: the call view. */
  look: 'compact' | 'full';
}

/**
 * Every line with its own state and timer (issue 11). The current line is marked; another line offers
 * "Swap to …" when it is on hold (it is resumed and the current one held) or "Show …" otherwise.
 */
export function LineList({ lines, currentId, transfers, onChoose, look, conferenceIds = [] }: LineListProps) {
  const { t, i18n } = useLingui();
  if (lines.length < 2) return null;
  return (
    <ul className={`line-list line-list-${look}`} aria-label={t`Lines`}>
      {lines.map((line, index) => {
        const name = callerName(line).name;
        const current = line.id === currentId;
        const merged = conferenceIds.includes(line.id);
        const swap = line.state === CallState.Active && line.held && !merged;
        return (
          <li
            key={line.id}
            className={current ? 'line line-current' : 'line'}
            aria-current={current ? 'true' : undefined}
            data-testid="line"
          >
            <span className="line-number" aria-hidden="true">
              {formatCount(index + 1)}
            </span>
            <span className="line-name">{name}</span>
            <span className="line-state" data-testid="line-status">
              {merged ? t`In conference` : lineStatusText(line, transfers[line.id] ?? null, i18n)}
            </span>
            {line.answeredAt !== null && (
              <CallTimer
                answeredAt={line.answeredAt}
                endedAt={line.endedAt}
                label={t`Duration of the call with ${name}`}
                testId="line-timer"
              />
            )}
            {!current && (
              <button type="button" className="line-choose" onClick={() => onChoose(line.id)}>
                {swap ? t`Swap to ${name}` : t`Show ${name}`}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
