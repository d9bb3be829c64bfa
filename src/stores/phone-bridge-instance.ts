import { createApiSession, deleteApiSession, fetchClientConfig, fetchSipCredentials } from '../api/client';
import { createPhoneEngine } from '../phone';
import { idbSettingsRepository } from '../storage/settings-repository';
import { createPhoneBridge } from './phone-bridge';

/** The app's one bridge (and, lazily, its one phone engine). */
export const phoneBridge = createPhoneBridge({
  createEngine: () => createPhoneEngine(),
  settingsRepository: idbSettingsRepository,
  fetchConfig: () => fetchClientConfig(),
  location: window.location,
  apiSession: { open: createApiSession, close: deleteApiSession },
  sipCredentials: () => fetchSipCredentials(),
});
