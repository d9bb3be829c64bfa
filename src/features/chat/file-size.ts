import { useLingui } from '@lingui/react/macro';

/** A file size in the active language: "12 bytes", "35 KB", "1.2 MB" (decimal units, as the limits). */
export function useFileSize(): (bytes: number) => string {
  const { t, i18n } = useLingui();
  return (bytes) => {
    if (bytes < 1000) {
      const n = i18n.number(bytes);
      return t`${n} bytes`;
    }
    if (bytes < 1_000_000) {
      const n = i18n.number(Math.round(bytes / 1000));
      return t`${n} KB`;
    }
    const n = i18n.number(bytes / 1_000_000, { maximumFractionDigits: 1 });
    return t`${n} MB`;
  };
}
