/**
 * Issue 10 (navigation → REGISTER 200): after a reload the saved account's registration shares the
 * page's one main thread with everything else the app starts. Work the first screen does not need
 * (prefetching the call views, the contacts index, the service worker's update check) waits until the
 * first screen is painted and that registration has settled: registered, failed or reconnecting; at
 * once when nobody is signed in; and never longer than `capMs` (a slow or absent server must not keep
 * them away).
 */
import { RegistrationState } from '../phone/types';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';

export const STARTUP_CAP_MS = 2000;

let settled: Promise<void> | null = null;
/** The app's first screen has been painted (the shell's first commit, then a frame). */
let painted = false;
const paintListeners = new Set<() => void>();

/**
 * The shell calls this once its first screen is on screen. Until then nothing here settles: a
 * registration that completes before the first render (a reload, with its REGISTER answered at once)
 * must not start the prefetches in front of that render (issue 10: first paint).
 */
export function firstScreenShown(): void {
  if (painted) return;
  painted = true;
  for (const listener of [...paintListeners]) listener();
}

function isSettled(): boolean {
  if (!painted) return false;
  const { loaded, signedIn } = useSettingsStore.getState();
  if (!loaded) return false;
  if (!signedIn) return true;
  const { state } = useRegistrationStore.getState();
  return state !== RegistrationState.Unregistered && state !== RegistrationState.Registering;
}

/** Resolves once the start-up registration has settled (see above); the same promise every time. */
export function startupSettled(capMs = STARTUP_CAP_MS): Promise<void> {
  settled ??= new Promise<void>((resolve) => {
    if (isSettled()) return resolve();
    const done = () => {
      clearTimeout(timer);
      offSettings();
      offRegistration();
      paintListeners.delete(check);
      resolve();
    };
    const check = () => {
      if (isSettled()) done();
    };
    const timer = setTimeout(done, capMs);
    const offSettings = useSettingsStore.subscribe(check);
    const offRegistration = useRegistrationStore.subscribe(check);
    paintListeners.add(check);
  });
  return settled;
}

/**
 * Work only a signed-in phone needs (the call views: a signed-out phone cannot ring or dial): once an
 * account is signed in, and after its start-up registration has settled as above. A first visit's
 * sign-in screen then loads and renders without it.
 */
export function signedInAndSettled(capMs = STARTUP_CAP_MS): Promise<void> {
  const signedIn = new Promise<void>((resolve) => {
    if (useSettingsStore.getState().signedIn) return resolve();
    const off = useSettingsStore.subscribe((state) => {
      if (!state.signedIn) return;
      off();
      resolve();
    });
  });
  return signedIn.then(() => startupSettled(capMs));
}

/** Tests: forget the settled promise; `shown`: whether the first screen counts as painted already. */
export function resetStartupSettled(shown = true): void {
  settled = null;
  painted = shown;
  paintListeners.clear();
}
