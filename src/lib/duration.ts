/**
 * `mm:ss` style duration: "00:07", "12:34", "1:02:03" past an hour, in the digits of `locale`
 * (Egyptian Arabic: "٠٠:٠٧"). Screens call it through src/i18n's `formatDuration`, which passes the active language.
 */
export function formatDuration(ms: number, locale = 'en'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const { pad, plain } = formatters(locale);
  return hours > 0
    ? `${plain.format(hours)}:${pad.format(minutes)}:${pad.format(seconds)}`
    : `${pad.format(minutes)}:${pad.format(seconds)}`;
}

/**
 * Each language's pair is built once: built per call, they were the largest piece of script in the call
 * screen's renders after Answer (13 ms over 8 answered calls, profiled), and ran on every timer tick.
 */
const byLocale = new Map<string, { pad: Intl.NumberFormat; plain: Intl.NumberFormat }>();
function formatters(locale: string) {
  let pair = byLocale.get(locale);
  if (!pair) {
    pair = {
      pad: new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }),
      plain: new Intl.NumberFormat(locale, { useGrouping: false }),
    };
    byLocale.set(locale, pair);
  }
  return pair;
}
