/**
 * The country of phone numbers typed or stored without a country code: the user's choice in
 * Settings, else the browser's language region. Contacts, History and the dialpad read it from here
 * (a tiny store, so the dialpad does not load the contacts service to know it). The choice is a
 * per-device preference in localStorage (the key predates this store: contacts owned it).
 */
import type { CountryCode } from 'libphonenumber-js';
import { create } from 'zustand';
import { defaultRegion, isKnownRegion } from '../lib/phone-number';

const KEY = 'openline.contacts.region';

export interface NumberRegionState {
  /** What the user chose; '' = automatic (the browser's). */
  chosen: CountryCode | '';
  /** The region in effect (undefined when automatic and the browser names none). */
  region: CountryCode | undefined;
}

function readChoice(): CountryCode | '' {
  try {
    const saved = localStorage.getItem(KEY);
    return isKnownRegion(saved) ? saved : '';
  } catch {
    return '';
  }
}

const initial = readChoice();

export const useNumberRegion = create<NumberRegionState>()(() => ({
  chosen: initial,
  region: initial || defaultRegion(),
}));

/** Choose the region ('' = automatic); remembered on this device. */
export function setNumberRegion(choice: CountryCode | ''): void {
  try {
    if (choice) localStorage.setItem(KEY, choice);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  useNumberRegion.setState({ chosen: choice, region: choice || defaultRegion() });
}
