import type { ServiceWindow } from '../../../api/channels-schemas';

/** "Window open, closes in 5 h" / "Window closed: only templates" (WhatsApp's 24-hour rule). */
export function windowText(window: ServiceWindow, now: number): string | null {
  if (window.state === 'none') return null;
  if (window.state === 'closed') return 'Window closed: only templates';
  const left = Math.max(0, window.closesAt - now);
  const hours = Math.floor(left / 3_600_000);
  return hours >= 1
    ? `Window open, closes in ${hours} h`
    : `Window open, closes in ${Math.max(1, Math.ceil(left / 60_000))} min`;
}
