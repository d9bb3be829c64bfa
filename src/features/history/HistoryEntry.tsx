import type { CallLogEntry } from '../../storage/call-log-schema';
import { Icon } from '../../ui/icons';
import { EntryMenu } from './EntryMenu';
import { EntryName, useEntryName } from './entry-name';
import { entrySummary } from './history-view';

export interface EntryActions {
  call(entry: CallLogEntry, video: boolean): void;
  openContact(entry: CallLogEntry): void;
  copyNumber(entry: CallLogEntry): void;
  remove(entry: CallLogEntry): void;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One call: who, how it went (missed: red, an icon and the word), when, and its actions. */
export function HistoryEntry({
  entry,
  actions,
  canCall,
}: {
  entry: CallLogEntry;
  actions: EntryActions;
  canCall: boolean;
}) {
  const missed = entry.outcome === 'missed';
  const name = useEntryName(entry);
  const icon = entry.direction === 'incoming' ? (missed ? 'phone-off' : 'phone-incoming') : 'phone';
  return (
    <div className="history-entry" data-outcome={entry.outcome} data-direction={entry.direction}>
      <span className="history-entry-icon">
        <Icon name={icon} />
      </span>
      <div className="history-entry-text">
        <span className="history-entry-name">
          <EntryName entry={entry} />
        </span>
        <span className="history-entry-summary">{entrySummary(entry)}</span>
      </div>
      <time className="history-entry-time" dateTime={new Date(entry.startedAt).toISOString()}>
        {TIME.format(entry.startedAt)}
      </time>
      <div className="history-entry-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`Call ${name}`}
          disabled={!canCall}
          onClick={() => actions.call(entry, false)}
        >
          <Icon name="phone" />
        </button>
        <button
          type="button"
          className="icon-button history-entry-video"
          aria-label={`Video call ${name}`}
          disabled={!canCall}
          onClick={() => actions.call(entry, true)}
        >
          <Icon name="video-call" />
        </button>
        <EntryMenu
          label={`More actions for ${name}`}
          actions={[
            { label: 'Open or add contact', run: () => actions.openContact(entry) },
            { label: 'Copy number', run: () => actions.copyNumber(entry) },
            { label: 'Delete', run: () => actions.remove(entry) },
          ]}
        />
      </div>
    </div>
  );
}
