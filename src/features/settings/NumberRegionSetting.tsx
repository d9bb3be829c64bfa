import { Trans, useLingui } from '@lingui/react/macro';
import { useMemo } from 'react';
import { defaultRegion, isKnownRegion } from '../../lib/phone-number';
import { regionChoices, regionName } from '../../lib/region-names';
import { setNumberRegion, useNumberRegion } from '../../stores/number-region';
import { formatNumber } from '../../lib/contacts/numbers';

/** An example number shown in the chosen country's national format (a London number). */
const EXAMPLE = '+442079460123';

/**
 * Settings → Phone numbers: the country of numbers typed or stored without a country code. Used to
 * parse and show numbers in Contacts, History and the dialpad; "Automatic" follows the browser.
 */
export function NumberRegionSetting() {
  const { t, i18n } = useLingui();
  const { chosen, region } = useNumberRegion();
  // Countries are named in the interface's language (Arabic names in Arabic), whatever the browser's.
  const locales = useMemo(
    () => [i18n.locale, ...(typeof navigator === 'undefined' ? [] : navigator.languages)],
    [i18n.locale],
  );
  const choices = useMemo(() => regionChoices(locales), [locales]);
  const browser = defaultRegion();
  const browserCountry = browser ? regionName(browser, locales) : null;
  const example = formatNumber(EXAMPLE, region);
  const automatic = browserCountry
    ? t`Automatic (from the browser: ${browserCountry})`
    : t`Automatic (the browser names no country)`;

  return (
    <div className="field">
      <label className="field-label" htmlFor="number-region">
        <Trans>Country for numbers without a country code</Trans>
      </label>
      <select
        id="number-region"
        className="field-input"
        value={chosen}
        aria-describedby="number-region-hint"
        onChange={(event) => {
          const value = event.target.value;
          setNumberRegion(isKnownRegion(value) ? value : '');
        }}
      >
        <option value="">{automatic}</option>
        {choices.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <p id="number-region-hint" className="field-hint" data-testid="number-region-example">
        <Trans>
          Used in Contacts, History and the dialpad. <bdi>{EXAMPLE}</bdi> shows as <bdi>{example}</bdi>.
        </Trans>
      </p>
    </div>
  );
}
