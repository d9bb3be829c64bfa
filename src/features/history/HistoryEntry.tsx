import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { memo } from 'react';
import type { CallLogEntry } from '../../storage/call-log-schema';
import { dwellIntent } from '../../ui/dwell-intent';
import { Icon, type IconName } from '../../ui/icons';
import { EntryMenu, type MenuAction } from './EntryMenu';
import { useEntryName } from './entry-name';
import { entrySummary } from './history-view';

export interface EntryActions {
  call(entry: CallLogEntry, video: boolean): void;
  /** A call button rested on: the phone prepares that kind of call before the click (ADR 0037). */
  prepare(video: boolean): void;
  openContact(entry: CallLogEntry): void;
  /** Chat (issue 14): the conversation with this entry's party. */
  message(entry: CallLogEntry): void;
  copyNumber(entry: CallLogEntry): void;
  remove(entry: CallLogEntry): void;
  /** A webcall room: a new link for the same customer (the Agent tab's form, prefilled). */
  newLink(entry: CallLogEntry): void;
}

function iconOf(entry: CallLogEntry): IconName {
  if (entry.kind === 'webcall') return 'webcall-room';
  if (entry.direction === 'outgoing') return 'phone';
  return entry.outcome === 'missed' ? 'phone-off' : 'phone-incoming';
}

/** The menu: contact and copy only when there is a number (a room may have none). */
function menuActions(entry: CallLogEntry, actions: EntryActions, i18n: I18n): MenuAction[] {
  const hasNumber = entry.kind === 'call' || entry.remoteUser !== '';
  return [
    ...(hasNumber
      ? [
          { label: i18n._(msg`Message`), run: () => actions.message(entry) },
          { label: i18n._(msg`Open or add contact`), run: () => actions.openContact(entry) },
          { label: i18n._(msg`Copy number`), run: () => actions.copyNumber(entry) },
        ]
      : []),
    { label: i18n._(msg`Delete`), run: () => actions.remove(entry) },
  ];
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * One call: who, how it went (missed: red, an icon and the word), when, and its actions. Memoised:
 * the virtualised list re-renders on every scroll frame, the rows on screen need not.
 */
export const HistoryEntry = memo(function HistoryEntry({
  entry,
  actions,
  canCall,
}: {
  entry: CallLogEntry;
  actions: EntryActions;
  canCall: boolean;
}) {
  const name = useEntryName(entry);
  const { i18n, t } = useLingui();
  return (
    <div
      className="history-entry"
      data-outcome={entry.outcome}
      data-direction={entry.direction}
      data-kind={entry.kind}
    >
      <span className="history-entry-icon">
        <Icon name={iconOf(entry)} />
      </span>
      <div className="history-entry-text">
        {/* The name in its own direction (<bdi>) inside a box that lines up with the row's start. */}
        <span className="history-entry-name">
          <bdi>{name}</bdi>
        </span>
        <span className="history-entry-summary">{entrySummary(entry)}</span>
      </div>
      <time className="history-entry-time" dateTime={new Date(entry.startedAt).toISOString()}>
        {i18n.date(new Date(entry.startedAt), TIME)}
      </time>
      <div className="history-entry-actions">
        {entry.kind === 'webcall' ? (
          <button
            type="button"
            className="icon-button"
            aria-label={t`New webcall link for ${name}`}
            onClick={() => actions.newLink(entry)}
          >
            <Icon name="webcall-room" />
          </button>
        ) : (
          <CallBackButtons entry={entry} name={name} actions={actions} canCall={canCall} />
        )}
        <EntryMenu label={t`More actions for ${name}`} actions={menuActions(entry, actions, i18n)} />
      </div>
    </div>
  );
});

function CallBackButtons({
  entry,
  name,
  actions,
  canCall,
}: {
  entry: CallLogEntry;
  name: string;
  actions: EntryActions;
  canCall: boolean;
}) {
  const { t } = useLingui();
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={t`Call ${name}`}
        disabled={!canCall}
        {...(canCall ? dwellIntent(() => actions.prepare(false)) : {})}
        onClick={() => actions.call(entry, false)}
      >
        <Icon name="phone" />
      </button>
      <button
        type="button"
        className="icon-button history-entry-video"
        aria-label={t`Video call ${name}`}
        disabled={!canCall}
        {...(canCall ? dwellIntent(() => actions.prepare(true)) : {})}
        onClick={() => actions.call(entry, true)}
      >
        <Icon name="video-call" />
      </button>
    </>
  );
}
