import { createHttp, createPlatformApi, type Http } from '../api';
import { ClientConfig } from '../api/schemas';
import { takeBootConfig } from '../api/boot-config';
import { pageStorage } from '../lib/page-storage';
import { BOOT_REGISTER_KEY } from '../phone/boot-slot';
import { createLazyPhoneEngine } from '../phone/lazy-engine';
import type { PhoneEngine } from '../phone/types';
import { idbSettingsRepository } from '../storage/settings-repository';
import { callLogRecorder } from './call-log-instance';
import { createPhoneBridge } from './phone-bridge';
import type { ConfigCache } from './session-service';
import { EARLY_SOCKET_KEY, hasSavedSignIn } from './saved-sign-in';
import { openSessionTabs } from './session-tabs';

/**
 * The app's platform API: a 401 (server restarted, session expired) signs in again with the saved
 * account and repeats the request once, so no screen ever has to say "Sign in first." for that.
 */
export const platformApi = createPlatformApi(appHttp());

/**
 * The app's HTTP transport for the signed-in API: waits for a sign-in's API session before a request
 * goes (no 401 while the REGISTER races ahead), and repairs a 401 by signing in again once.
 */
export function appHttp(): Http {
  return createHttp({
    reauthenticate: () => phoneBridge.reauthenticate(),
    sessionReady: () => phoneBridge.sessionReady(),
  });
}

let markEngineWanted: () => void = () => undefined;

/** Resolves when the phone's code is first asked for (the chat binds then: it needs no earlier start). */
export const engineWanted = new Promise<void>((resolve) => (markEngineWanted = resolve));

/**
 * The engine and sip.js are their own chunk, not part of the shell's first load (issue 10): fetched at
 * the app's start when an account is saved, else when the sign-in form is first used (`prefetchEngine`),
 * and awaited by whatever needs the engine first (a sign-in, a pushed call's Answer).
 */
let engineChunk: Promise<() => PhoneEngine> | null = null;
const loadEngine = (): Promise<() => PhoneEngine> => {
  markEngineWanted();
  // One import for the prefetch and the engine's own load: a second `import()` of the chunk, even once it
  // is evaluated, resolves only after the tasks queued meanwhile (the first render's slices), which held a
  // reload's REGISTER back by 25-50 ms (issue 10). A failed fetch is forgotten, so the next command retries.
  engineChunk ??= import('../phone').then(
    (phone) => () => phone.createPhoneEngine(),
    (error: unknown) => {
      engineChunk = null;
      throw error;
    },
  );
  return engineChunk;
};

/**
 * Fetch the phone's code now, e.g. while a visitor types their account: a signed-out first visit does
 * not download it (~66 kB gzip, sip.js) before the sign-in screen has painted (issue 10).
 */
export function prefetchEngine(): void {
  void loadEngine().catch(() => undefined); // a sign-in that needs it reports the failure
}

const CONFIG_KEY = 'openline.serverConfig';

/** `/api/config` (public, no secret) kept in localStorage so a reload signs in without waiting for it. */
const configCache: ConfigCache = {
  read() {
    const raw = pageStorage('local').getItem(CONFIG_KEY);
    if (!raw) return null;
    const parsed = ClientConfig.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  },
  write: (config) => pageStorage('local').setItem(CONFIG_KEY, JSON.stringify(config)),
};

/** The app's one bridge (and, lazily, its one phone engine). See docs/adr for why module-level. */
export const phoneBridge = createPhoneBridge({
  createEngine: () => createLazyPhoneEngine(loadEngine),
  // A saved sign-in (the boot script's key: remembered once registered, forgotten on sign-out) registers
  // at once, so its engine is fetched beside the settings read; a first visit's waits for the form.
  preloadEngine: () => {
    if (hasSavedSignIn()) prefetchEngine();
  },
  settingsRepository: idbSettingsRepository,
  // A first visit that waited for its first input (ADR 0041) takes the boot script's answer.
  fetchConfig: () =>
    takeBootConfig()?.catch(() => platformApi.session.config()) ?? platformApi.session.config(),
  configCache,
  earlySocket: {
    remember: (wsUrl) => pageStorage('local').setItem(EARLY_SOCKET_KEY, wsUrl),
    remembered: hasSavedSignIn,
    forget: () => {
      pageStorage('local').removeItem(EARLY_SOCKET_KEY);
      // And the REGISTER this tab kept ready for a reload (src/phone/boot-register.ts).
      pageStorage('session').removeItem(BOOT_REGISTER_KEY);
    },
  },
  location: window.location,
  apiSession: platformApi.session,
  sipCredentials: () => platformApi.session.sipCredentials(),
  tabs: openSessionTabs(),
  callEnds: callLogRecorder,
  mediaDevices: typeof navigator !== 'undefined' ? (navigator.mediaDevices ?? null) : null,
  deviceStorage: pageStorage('local'),
});
