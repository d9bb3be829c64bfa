/**
 * Caller names for the app shell (call screens, notifications, Media Session) without putting the
 * contacts service in the shell's first load: the contacts index, its number parsing and
 * libphonenumber-js's metadata (~30 kB gzip) are the `contacts-instance` chunk, fetched once a signed-in
 * account is known (the saved settings load after first paint) or when a contacts screen imports it. Until it is there a
 * caller is shown by the name the call carried, else the number, exactly as before contacts load.
 */
import { create } from 'zustand';
import { RegistrationState } from '../phone/types';
import { resolveCallerName, type CallerName, type RemoteParty } from './caller-names';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';
import { startupSettled } from './startup-settled';

type ContactsModule = typeof import('./contacts-instance');

/** Bumped when the contacts module arrives and whenever its index changes: re-renders names. */
const useNamesVersion = create(() => ({ version: 0 }));
/**
 * Names resolved since contacts (or the number region) last changed. A look-up parses the number
 * with libphonenumber-js; History renders a few dozen rows per scroll frame, so each party is
 * resolved once. Bounded: cleared when it grows past {@link MAX_CACHED}.
 */
const resolved = new Map<string, CallerName>();
const MAX_CACHED = 5_000;
const bump = () => {
  resolved.clear();
  useNamesVersion.setState((s) => ({ version: s.version + 1 }));
};

let contactsModule: ContactsModule | null = null;
let loading: Promise<ContactsModule> | null = null;

/** Fetches the contacts service (idempotent); names resolve against it from then on. */
export function loadContacts(): Promise<ContactsModule> {
  loading ??= import('./contacts-instance').then(
    (module) => {
      contactsModule = module;
      module.contacts.useStore.subscribe((next, before) => {
        if (next.version !== before.version || next.region !== before.region) bump();
      });
      bump();
      return module;
    },
    (error: unknown) => {
      loading = null; // offline before it was cached: try again on the next registration
      throw error;
    },
  );
  return loading;
}

const noContacts = { lookup: () => undefined };

/** The name to show for a remote party now (for code outside React, e.g. notifications). */
export function callerName(party: RemoteParty): CallerName {
  if (!contactsModule) return resolveCallerName(noContacts, party);
  const key = `${party.remoteUser}\u0000${party.remoteUri ?? ''}\u0000${party.remoteDisplayName ?? ''}`;
  let name = resolved.get(key);
  if (!name) {
    name = contactsModule.callerName(party);
    if (resolved.size >= MAX_CACHED) resolved.clear();
    resolved.set(key, name);
  }
  return name;
}

/** The name to show for a remote party, re-rendering when contacts load or change. */
export function useCallerName(party: RemoteParty): CallerName {
  useNamesVersion((s) => s.version);
  return callerName(party);
}

// Fetched after first paint once an account is signed in (also offline: the service worker has the
// chunk, and contacts-instance opens what this device stored), and again on registering if that failed.
const loadWhenSignedIn = () => {
  if (!useSettingsStore.getState().signedIn) return;
  // Not in the way of the saved account's registration (issue 10).
  void startupSettled().then(() => {
    if (useSettingsStore.getState().signedIn) loadContacts().catch(() => undefined);
  });
};
useSettingsStore.subscribe(loadWhenSignedIn);
loadWhenSignedIn();
useRegistrationStore.subscribe((next) => {
  if (next.state === RegistrationState.Registered) loadContacts().catch(() => undefined);
});
