import type { TraceEntry } from '../../../actions';

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The runner's flight recorder: what ran, with which parameters, and what came of it. */
export function TracePanel({ entries, onClear }: { entries: readonly TraceEntry[]; onClear(): void }) {
  const newestFirst = [...entries].reverse();
  return (
    <details className="agent-trace" open>
      <summary>
        <span className="agent-trace-title">Action trace</span>
        <span className="agent-trace-count">{entries.length}</span>
      </summary>
      {entries.length === 0 ? (
        <p className="agent-muted">Nothing has run yet.</p>
      ) : (
        <>
          <ol className="agent-trace-list" role="log" aria-label="Action trace" data-testid="agent-trace">
            {newestFirst.map((e) => (
              <li key={e.id} className={`agent-trace-item agent-trace-${e.status}`}>
                <time className="agent-trace-time">{time(e.at)}</time>
                <span className="agent-trace-status">{e.status}</span>
                <code className="agent-trace-name">
                  {e.name}
                  {e.kind === 'action' && `(${e.params.join(', ')})`}
                </code>
                <span className="agent-trace-message">
                  {e.message}
                  {e.durationMs !== undefined && <span className="agent-trace-ms"> · {e.durationMs} ms</span>}
                </span>
              </li>
            ))}
          </ol>
          <button type="button" className="button button-secondary agent-trace-clear" onClick={onClear}>
            Clear trace
          </button>
        </>
      )}
    </details>
  );
}
