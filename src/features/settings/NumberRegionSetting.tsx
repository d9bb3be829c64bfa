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
  const { chosen, region } = useNumberRegion();
  const locales = typeof navigator === 'undefined' ? undefined : navigator.languages;
  const choices = useMemo(() => regionChoices(locales), [locales]);
  const browser = defaultRegion();
  const automatic = browser
    ? `Automatic (from the browser: ${regionName(browser, locales)})`
    : 'Automatic (the browser names no country)';

  return (
    <div className="field">
      <label className="field-label" htmlFor="number-region">
        Country for numbers without a country code
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
        Used in Contacts, History and the dialpad. {EXAMPLE} shows as {formatNumber(EXAMPLE, region)}.
      </p>
    </div>
  );
}
