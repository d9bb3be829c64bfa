import { cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { getCountries } from 'libphonenumber-js';
import { afterEach, describe, expect, it } from 'vitest';
import { regionChoices } from '../../lib/region-names';
import { setNumberRegion, useNumberRegion } from '../../stores/number-region';
import { NumberRegionSetting } from './NumberRegionSetting';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

afterEach(() => {
  cleanup();
  setNumberRegion('');
});

describe('Settings → Phone numbers', () => {
  it('offers every country by name, sorted, after "Automatic" naming the browser\'s country', () => {
    render(<NumberRegionSetting />);
    const select = screen.getByLabelText<HTMLSelectElement>('Country for numbers without a country code');
    const options = [...select.options];
    expect(options).toHaveLength(getCountries().length + 1);
    expect(options[0]).toMatchObject({ value: '', text: 'Automatic (from the browser: United States)' });
    expect(options.find((o) => o.value === 'GB')?.text).toBe('United Kingdom');
    const names = regionChoices(['en']).map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('a choice is remembered on this device and switches the national format; Automatic goes back', () => {
    render(<NumberRegionSetting />);
    const example = screen.getByTestId('number-region-example');
    expect(example.textContent).toContain('+442079460123 shows as +44 20 7946 0123.');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'GB' } });
    expect(useNumberRegion.getState()).toEqual({ chosen: 'GB', region: 'GB' });
    expect(localStorage.getItem('openline.contacts.region')).toBe('GB');
    expect(example.textContent).toContain('+442079460123 shows as 020 7946 0123.');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: '' } });
    expect(useNumberRegion.getState()).toEqual({ chosen: '', region: 'US' });
    expect(localStorage.getItem('openline.contacts.region')).toBeNull();
  });
});
