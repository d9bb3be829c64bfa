import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistrationState } from '../phone/types';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';
import { firstScreenShown, resetStartupSettled, signedInAndSettled, startupSettled } from './startup-settled';
import { resetSessionStores } from './testing/reset-stores';

const settledNow = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
};

beforeEach(() => {
  vi.useFakeTimers();
  resetSessionStores();
  resetStartupSettled();
});
afterEach(() => vi.useRealTimers());

describe('startupSettled', () => {
  it('waits for the saved settings, then for the saved account to register', async () => {
    const settled = startupSettled();
    expect(await settledNow(settled)).toBe(false);
    useSettingsStore.setState({ loaded: true, signedIn: true });
    expect(await settledNow(settled)).toBe(false); // engine not started yet
    useRegistrationStore.setState({ state: RegistrationState.Registering });
    expect(await settledNow(settled)).toBe(false);
    useRegistrationStore.setState({ state: RegistrationState.Registered });
    expect(await settledNow(settled)).toBe(true);
  });

  it('not before the first screen is painted, even when the account registered before it', async () => {
    resetStartupSettled(false);
    useSettingsStore.setState({ loaded: true, signedIn: true });
    useRegistrationStore.setState({ state: RegistrationState.Registered });
    const settled = startupSettled();
    expect(await settledNow(settled)).toBe(false);
    firstScreenShown();
    expect(await settledNow(settled)).toBe(true);
  });

  it('settles on a failure too (nothing waits for a registration that will not come)', async () => {
    useSettingsStore.setState({ loaded: true, signedIn: true });
    const settled = startupSettled();
    useRegistrationStore.setState({ state: RegistrationState.Failed });
    expect(await settledNow(settled)).toBe(true);
  });

  it('at once when nobody is signed in', async () => {
    useSettingsStore.setState({ loaded: true, signedIn: false });
    expect(await settledNow(startupSettled())).toBe(true);
  });

  it('for a signed-in phone’s work: not while nobody is signed in, even after the cap; then as above', async () => {
    useSettingsStore.setState({ loaded: true, signedIn: false });
    const settled = signedInAndSettled(2000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await settledNow(settled)).toBe(false);
    useSettingsStore.setState({ signedIn: true });
    useRegistrationStore.setState({ state: RegistrationState.Registering });
    expect(await settledNow(settled)).toBe(false);
    useRegistrationStore.setState({ state: RegistrationState.Registered });
    expect(await settledNow(settled)).toBe(true);
  });

  it('after the cap when the server never answers', async () => {
    useSettingsStore.setState({ loaded: true, signedIn: true });
    useRegistrationStore.setState({ state: RegistrationState.Registering });
    const settled = startupSettled(2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(await settledNow(settled)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledNow(settled)).toBe(true);
  });
});
