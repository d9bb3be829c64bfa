import { useLingui } from '@lingui/react/macro';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { HistoryEntry, type EntryActions } from './HistoryEntry';
import type { HistoryRow } from './history-view';

const ENTRY_HEIGHT = 72;
const DAY_HEIGHT = 40;

/**
 * The rows, virtualised against the app's scrolling main area: only what is on screen (plus a few)
 * is in the DOM, so 10,000 calls cost what 20 do.
 */
export function HistoryList({
  rows,
  actions,
  canCall,
}: {
  rows: HistoryRow[];
  actions: EntryActions;
  canCall: boolean;
}) {
  const { t } = useLingui();
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => setScrollMargin(listRef.current?.offsetTop ?? 0), []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current?.closest<HTMLElement>('.app-main') ?? null,
    estimateSize: (i) => (rows[i]?.kind === 'day' ? DAY_HEIGHT : ENTRY_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    scrollMargin,
    // Before layout (and in tests without layout) render a first screenful.
    initialRect: { width: 390, height: 800 },
  });

  return (
    <div
      ref={listRef}
      className="history-list"
      role="list"
      aria-label={t({ message: 'Calls', context: 'history list' })}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={item.key}
            role="listitem"
            className={row.kind === 'day' ? 'history-day' : 'history-row'}
            style={{ transform: `translateY(${item.start - scrollMargin}px)`, height: item.size }}
          >
            {row.kind === 'day' ? (
              <h2 className="history-day-label">{row.label}</h2>
            ) : (
              <HistoryEntry entry={row.entry} actions={actions} canCall={canCall} />
            )}
          </div>
        );
      })}
    </div>
  );
}
