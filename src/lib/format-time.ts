/** A date and time as the user's locale writes them ("1 Dec 2026, 19:40"). */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
