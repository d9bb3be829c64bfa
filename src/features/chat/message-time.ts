import { useLingui } from '@lingui/react';

/** A message's date and time in the active language ("2 dic 2026, 15:16"). */
export function useMessageTime(): (at: number) => string {
  const { i18n } = useLingui();
  return (at) => i18n.date(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });
}
