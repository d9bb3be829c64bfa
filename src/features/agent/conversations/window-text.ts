import { i18n as globalI18n, type I18n } from '@lingui/core';
import { msg, plural } from '@lingui/core/macro';
import type { ServiceWindow } from '../../../api/channels-schemas';

/** "Window open, closes in 5 hours" / "Window closed: only templates" (WhatsApp's 24-hour rule). */
export function windowText(window: ServiceWindow, now: number, i18n: I18n = globalI18n): string | null {
  if (window.state === 'none') return null;
  if (window.state === 'closed') return i18n._(msg`Window closed: only templates`);
  const left = Math.max(0, window.closesAt - now);
  const hours = Math.floor(left / 3_600_000);
  if (hours >= 1) {
    return i18n._(msg`Window open, closes in ${plural(hours, { one: '# hour', other: '# hours' })}`);
  }
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return i18n._(msg`Window open, closes in ${plural(minutes, { one: '# minute', other: '# minutes' })}`);
}
