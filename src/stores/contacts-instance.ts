/**
 * The app's one contacts service: IndexedDB, the platform API's phonebook, and the session. It
 * opens the signed-in account's contacts from the device as soon as the account is known (offline
 * too), syncs the directory each time the phone registers, and forgets them on sign-out.
 */
import { RegistrationState } from '../phone/types';
import { idbContactsRepository, memoryContactsRepository } from '../storage/contacts-repository';
import { resolveCallerName, type CallerName, type RemoteParty } from './caller-names';
import { createContactsService } from './contacts';
import { platformApi } from './phone-bridge-instance';
import { useNumberRegion } from './number-region';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';

export const contacts = createContactsService({
  repository: typeof indexedDB === 'undefined' ? memoryContactsRepository() : idbContactsRepository,
  phonebook: platformApi.phonebook,
  region: useNumberRegion.getState().region,
});
// Settings → Phone numbers: parse and show numbers for the chosen country.
useNumberRegion.subscribe((next, before) => {
  if (next.region !== before.region) contacts.setRegion(next.region);
});

function accountKey(): string | null {
  const { values, signedIn } = useSettingsStore.getState();
  const user = values.username.trim();
  return signedIn && user ? `${user}@${values.domain.trim()}` : null;
}

/** The signed-in account's contacts and directory as stored on this device: also offline, before registering. */
function openFromDevice(): void {
  const account = accountKey();
  if (account && contacts.useStore.getState().account !== account)
    void contacts.open(account, { sync: false });
}

/** Opens the account if needed and syncs the directory (on registering). */
function openSignedInAccount() {
  const account = accountKey();
  if (account) void contacts.open(account);
}

openFromDevice();
useRegistrationStore.subscribe((next, before) => {
  if (next.state === RegistrationState.Registered && before.state !== RegistrationState.Registered) {
    openSignedInAccount();
  }
});
// This module is its own chunk (caller-name-instance.ts): it may arrive after the phone registered.
if (useRegistrationStore.getState().state === RegistrationState.Registered) openSignedInAccount();
useSettingsStore.subscribe((next, before) => {
  if (before.signedIn && !next.signedIn) contacts.close();
  else openFromDevice();
});

/** The name to show for a remote party now; the shell uses caller-name-instance.ts instead. */
export function callerName(party: RemoteParty): CallerName {
  return resolveCallerName(contacts.index(), party, contacts.useStore.getState().region);
}

/** The name to show for a remote party, re-rendering when contacts or the directory change. */
export function useCallerName(party: RemoteParty): CallerName {
  contacts.useStore((s) => s.version); // subscribe: the index changed
  const region = contacts.useStore((s) => s.region);
  return resolveCallerName(contacts.index(), party, region);
}
