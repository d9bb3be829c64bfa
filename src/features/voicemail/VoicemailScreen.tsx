import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';

/** Route `/voicemail`: voicemail (not built yet: honest empty state). */
export function VoicemailScreen() {
  return (
    <Screen title="Voicemail">
      <EmptyState>Voicemail messages will appear here when callers leave them.</EmptyState>
    </Screen>
  );
}
