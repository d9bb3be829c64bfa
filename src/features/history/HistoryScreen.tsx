import { msg } from '@lingui/core/macro';
import { Plural, Trans, useLingui } from '@lingui/react/macro';
import type { MessageDescriptor } from '@lingui/core';
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
  // Kept as a descriptor (with its values), so a change of language re-translates it.
  const [status, setStatus] = useState<MessageDescriptor | null>(null);
  const { i18n, t } = useLingui();

  // On screen means seen: opening History (and calls arriving while it is open) clears the badge.
  useEffect(() => {
    if (loaded) void callLog.markOpened();
  }, [loaded, account, entries.length]);

  const region = useNumberRegion((s) => s.region);
  const rows = useMemo(
    () => historyRows(entries, { filter, query, now: Date.now(), region }),
    // The day labels and summaries are in the active language: recomputed when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entries, filter, query, region, i18n.locale],
  );

  // Stable, so the memoised rows do not re-render when the screen does.
  const actions = useMemo<EntryActions>(
    () => ({
      call: (entry, video) => void phoneBridge.dial(callBackTarget(entry), video),
      prepare: (video) => phoneBridge.prepareDial(video),
      message: (entry) => void navigate(chatPath(callBackTarget(entry))),
      openContact: (entry) => navigate(`/contacts?find=${encodeURIComponent(callBackTarget(entry))}`),
      copyNumber: (entry: CallLogEntry) => {
        const number = callBackTarget(entry);
        navigator.clipboard
          ?.writeText(number)
          .then(() => setStatus(msg`Copied ${number}`))
          .catch(() => setStatus(msg`Could not copy. The number is ${number}`));
      },
      newLink: (entry) => {
        requestWebcallLink({ customerName: entry.remoteDisplayName ?? '', phone: entry.room?.phone ?? '' });
        navigate('/agent');
      },
      remove: (entry) => {
        void callLog.remove(entry.id).then(() => setStatus(msg`Call deleted`));
      },
    }),
    [navigate],
  );

  if (account === null) {
    return (
      <Screen title={t({ message: 'History', context: 'screen title' })}>
        <EmptyState>
          <Trans>Sign in under Settings to see your calls.</Trans>
        </EmptyState>
      </Screen>
    );
  }

  return (
    <Screen title={t({ message: 'History', context: 'screen title' })} className="screen-history">
      <div className="history-toolbar">
        <div
          className="history-filters"
          role="group"
          aria-label={t({ message: 'Show', context: 'history filters' })}
        >
          {FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              className="history-filter"
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {i18n._(label)}
            </button>
          ))}
        </div>
        <label className="history-search">
          <span className="visually-hidden">
            <Trans>Search calls</Trans>
          </span>
          <input
            className="field-input"
            type="search"
            placeholder={t`Search name or number`}
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
          <Trans>Clear all</Trans>
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {status && i18n._(status)}
      </p>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      {skipped > 0 && (
        <p className="history-note">
          <Plural
            value={skipped}
            one="# stored call could not be read and is not shown."
            other="# stored calls could not be read and are not shown."
          />
        </p>
      )}
      {!loaded ? null : entries.length === 0 ? (
        <EmptyState>
          <Trans>Call history will appear here after your first call.</Trans>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState>
          <Trans>No calls match.</Trans>
        </EmptyState>
      ) : (
        <HistoryList rows={rows} actions={actions} canCall={canCall} />
      )}
      <ClearAllDialog
        open={confirmClear}
        count={entries.length}
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false);
          void callLog.clear().then(() => setStatus(msg`Call history cleared`));
        }}
      />
    </Screen>
  );
}
