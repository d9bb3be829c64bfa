import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import {
  APP_LOCALES,
  LOCALE_NAMES,
  activateLocale,
  isAppLocale,
  pickLocale,
  storeLocaleChoice,
  storedLocaleChoice,
  type AppLocale,
} from '../../i18n';

/** The value of "Automatic (browser language)" in the select. */
const AUTOMATIC = 'auto';

/**
 * Settings → Language (issue 13): English, Español, العربية (each in its own name) or Automatic, which
 * follows the browser's languages again. The whole UI switches at once, without a reload, and the choice
 * is kept for this browser.
 */
export function LanguageSetting() {
  const { t } = useLingui();
  const [choice, setChoice] = useState<AppLocale | null>(storedLocaleChoice);
  const [failed, setFailed] = useState(false);

  const choose = (value: string) => {
    const next = isAppLocale(value) ? value : null;
    setChoice(next);
    storeLocaleChoice(next);
    setFailed(false);
    activateLocale(pickLocale(navigator.languages, next)).catch(() => setFailed(true));
  };

  return (
    <div className="field">
      <label htmlFor="settings-language" className="field-label">
        <Trans>Language</Trans>
      </label>
      <select
        id="settings-language"
        className="field-input"
        value={choice ?? AUTOMATIC}
        data-testid="settings-language"
        onChange={(event) => choose(event.target.value)}
      >
        <option value={AUTOMATIC}>{t`Automatic (browser language)`}</option>
        {APP_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
      {failed && (
        <p className="field-error" role="alert">
          <Trans>This language could not be loaded. Check your connection and try again.</Trans>
        </p>
      )}
    </div>
  );
}
