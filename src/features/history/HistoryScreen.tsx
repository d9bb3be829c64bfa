import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { callLog } from '../../stores/call-log-instance';
import { useNumberRegion } from '../../stores/number-region';
import { useCallLogStore } from '../../stores/call-log';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { RegistrationState } from '../../stores/phone-types';
import { useRegistrationStore } from '../../stores/registration';
import { requestWebcallLink } from '../../stores/webcall-intent';
import type { CallLogEntry } from '../../storage/call-log-schema';
import { chatPath } from '../../lib/sw-messages';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { ClearAllDialog } from './ClearAllDialog';
import { HistoryList } from './HistoryList';
import type { EntryActions } from './HistoryEntry';
import { callBackTarget, FILTERS, historyRows, type HistoryFilter } from './history-view';
import './history.css';

/** Route `/history`: the signed-in account's calls, newest first, grouped by day. */
export function HistoryScreen() {
  const { account, entries, loaded, skipped, error } = useCallLogStore();
  const canCall = useRegistrationStore((s) => s.state === RegistrationState.Registered);
  const navigate = useNavigate();
  const [filter, setFilter] = useState<HistoryFilter>('all');
  const [query, setQuery] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [status, setStatus] = useState('');

  // On screen means seen: opening History (and calls arriving while it is open) clears the badge.
  useEffect(() => {
    if (loaded) void callLog.markOpened();
  }, [loaded, account, entries.length]);

  const region = useNumberRegion((s) => s.region);
  const rows = useMemo(
    () => historyRows(entries, { filter, query, now: Date.now(), region }),
    [entries, filter, query, region],
  );

  // Stable, so the memoised rows do not re-render when the screen does.
  const actions = useMemo<EntryActions>(
    () => ({
      call: (entry, video) => void phoneBridge.dial(callBackTarget(entry), video),
      message: (entry) => void navigate(chatPath(callBackTarget(entry))),
      openContact: (entry) => navigate(`/contacts?find=${encodeURIComponent(callBackTarget(entry))}`),
      copyNumber: (entry: CallLogEntry) => {
        const number = callBackTarget(entry);
        navigator.clipboard
          ?.writeText(number)
          .then(() => setStatus(`Copied ${number}`))
          .catch(() => setStatus(`Could not copy. The number is ${number}`));
      },
      newLink: (entry) => {
        requestWebcallLink({ customerName: entry.remoteDisplayName ?? '', phone: entry.room?.phone ?? '' });
        navigate('/agent');
      },
      remove: (entry) => {
        void callLog.remove(entry.id).then(() => setStatus('Call deleted'));
      },
    }),
    [navigate],
  );

  if (account === null) {
    return (
      <Screen title="History">
        <EmptyState>Sign in under Settings to see your calls.</EmptyState>
      </Screen>
    );
  }

  return (
    <Screen title="History" className="screen-history">
      <div className="history-toolbar">
        <div className="history-filters" role="group" aria-label="Show">
          {FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              className="history-filter"
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {label}
            </button>
          ))}
        </div>
        <label className="history-search">
          <span className="visually-hidden">Search calls</span>
          <input
            className="field-input"
            type="search"
            placeholder="Search name or number"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <button
          type="button"
          className="button button-secondary history-clear"
          disabled={entries.length === 0}
          onClick={() => setConfirmClear(true)}
        >
          Clear all
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      {skipped > 0 && (
        <p className="history-note">
          {skipped} stored {skipped === 1 ? 'call could' : 'calls could'} not be read and{' '}
          {skipped === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
      {!loaded ? null : entries.length === 0 ? (
        <EmptyState>Call history will appear here after your first call.</EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState>No calls match.</EmptyState>
      ) : (
        <HistoryList rows={rows} actions={actions} canCall={canCall} />
      )}
      <ClearAllDialog
        open={confirmClear}
        count={entries.length}
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false);
          void callLog.clear().then(() => setStatus('Call history cleared'));
        }}
      />
    </Screen>
  );
}
