import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { RegistrationState } from '../phone/types';
import type { CallerName, RemoteParty } from './caller-names';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';

/** The contacts chunk as the shell sees it: a store whose version changes, and a name look-up. */
const known = new Map<string, string>();
const contactsStore = create(() => ({ version: 0, region: undefined as string | undefined }));
const imported = vi.fn();
vi.mock('./contacts-instance', () => {
  imported();
  return {
    contacts: { useStore: contactsStore },
    callerName: (party: RemoteParty): CallerName => {
      const name = known.get(party.remoteUser);
      return name
        ? { name, source: 'contact', personKey: `local:${party.remoteUser}` }
        : { name: party.remoteUser, source: 'number', personKey: null };
    },
  };
});

// Signed out and unregistered when the module starts, whatever a file run before this one in the same
// worker left (vitest `isolate: false`): a signed-in account loads the contacts at import.
useSettingsStore.setState(useSettingsStore.getInitialState(), true);
useRegistrationStore.setState(useRegistrationStore.getInitialState(), true);
const { callerName, useCallerName } = await import('./caller-name-instance');

function Name({ party }: { party: RemoteParty }) {
  return <p>{useCallerName(party).name}</p>;
}

afterEach(() => useRegistrationStore.setState(useRegistrationStore.getInitialState(), true));

describe('caller names in the app shell', () => {
  it('shows the name the call carried (else the number) until contacts load on registration, then the contact', async () => {
    known.set('1002', 'Ben from Accounts');
    render(<Name party={{ remoteUser: '1002', remoteDisplayName: 'Ben Baker' }} />);
    expect(screen.getByText('Ben Baker')).toBeTruthy();
    expect(callerName({ remoteUser: '1003' })).toEqual({ name: '1003', source: 'number', personKey: null });
    expect(imported).not.toHaveBeenCalled(); // nothing fetched before the phone registers

    await act(async () => {
      useRegistrationStore.setState({ state: RegistrationState.Registered });
      await vi.dynamicImportSettled();
    });
    expect(imported).toHaveBeenCalledOnce();
    expect(screen.getByText('Ben from Accounts')).toBeTruthy();

    // A contact saved later renames the caller on screen.
    known.set('1002', 'Ben Baker (Accounts)');
    act(() => contactsStore.setState({ version: 1 }));
    expect(screen.getByText('Ben Baker (Accounts)')).toBeTruthy();
  });
});
