import { Trans, useLingui } from '@lingui/react/macro';
import type { TraceEntry } from '../../../actions';

const TIME = { hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;

/** The runner's flight recorder: what ran, with which parameters, and what came of it. */
export function TracePanel({ entries, onClear }: { entries: readonly TraceEntry[]; onClear(): void }) {
  const newestFirst = [...entries].reverse();
  const { t, i18n } = useLingui();
  const statusLabel: Record<TraceEntry['status'], string> = {
    ok: t({ message: 'ok', context: 'action trace status' }),
    error: t({ message: 'error', context: 'action trace status' }),
    unsupported: t({ message: 'unsupported', context: 'action trace status' }),
    busy: t({ message: 'busy', context: 'action trace status' }),
    info: t({ message: 'info', context: 'action trace status' }),
  };
  return (
    <details className="agent-trace" open>
      <summary>
        <span className="agent-trace-title">
          <Trans>Action trace</Trans>
        </span>
        <span className="agent-trace-count">{i18n.number(entries.length)}</span>
      </summary>
      {entries.length === 0 ? (
        <p className="agent-muted">
          <Trans>Nothing has run yet.</Trans>
        </p>
      ) : (
        <>
          {/* The log role on a wrapper: on the <ol> itself it would be an ARIA role a list may not take
              (axe aria-allowed-role) and its items would lose their list. Focusable: it scrolls. */}
          <div
            className="agent-trace-list"
            role="log"
            aria-label={t`Action trace`}
            data-testid="agent-trace"
            tabIndex={0}
          >
            <ol>
              {newestFirst.map((e) => (
                <li key={e.id} className={`agent-trace-item agent-trace-${e.status}`}>
                  <time className="agent-trace-time">{i18n.date(new Date(e.at), TIME)}</time>
                  <span className="agent-trace-status">{statusLabel[e.status]}</span>
                  <code className="agent-trace-name">
                    {e.name}
                    {e.kind === 'action' && `(${e.params.join(', ')})`}
                  </code>
                  <span className="agent-trace-message">
                    {e.message}
                    {e.durationMs !== undefined && (
                      <span className="agent-trace-ms">
                        {' · '}
                        <Trans>{e.durationMs} ms</Trans>
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          </div>
          <button type="button" className="button button-secondary agent-trace-clear" onClick={onClear}>
            <Trans>Clear trace</Trans>
          </button>
        </>
      )}
    </details>
  );
}
