import { createHttp, createPlatformApi } from '../api';
import { createPhoneEngine } from '../phone';
import { idbSettingsRepository } from '../storage/settings-repository';
import { callLogRecorder } from './call-log-instance';
import { createPhoneBridge } from './phone-bridge';
import { openSessionTabs } from './session-tabs';

/**
 * The app's platform API: a 401 (server restarted, session expired) signs in again with the saved
 * account and repeats the request once, so no screen ever has to say "Sign in first." for that.
 */
export const platformApi = createPlatformApi(
  createHttp({ reauthenticate: () => phoneBridge.reauthenticate() }),
);

/** The app's one bridge (and, lazily, its one phone engine). See docs/adr for why module-level. */
export const phoneBridge = createPhoneBridge({
  createEngine: () => createPhoneEngine(),
  settingsRepository: idbSettingsRepository,
  fetchConfig: () => platformApi.session.config(),
  location: window.location,
  apiSession: platformApi.session,
  sipCredentials: () => platformApi.session.sipCredentials(),
  tabs: openSessionTabs(),
  callEnds: callLogRecorder,
});
