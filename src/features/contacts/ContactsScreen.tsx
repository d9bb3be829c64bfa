import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';

/** Route `/contacts`: the company phonebook (not built yet: honest empty state). */
export function ContactsScreen() {
  return (
    <Screen title="Contacts">
      <EmptyState>Contacts will appear here once your company phonebook is synced.</EmptyState>
    </Screen>
  );
}
