import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';

/** Route `/history`: recent calls (not built yet: honest empty state). */
export function HistoryScreen() {
  return (
    <Screen title="History">
      <EmptyState>Call history will appear here after your first call.</EmptyState>
    </Screen>
  );
}
