import { WEBPHONE_EVENTS_URL } from '../api';
import type { WebphoneApi } from '../api';
import type { Codecs } from '../api/webphone-schemas';
import { pageStorage } from '../lib/page-storage';
import { agentDefinitionsChanged } from './agent-definitions';
import { RegistrationState } from './phone-types';
import { appHttp, phoneBridge } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';
import { useSettingsStore } from './settings';
import { bindForcedAutoAnswer, createWebphoneConfigSync, useWebphoneConfig } from './webphone-config';

function openEvents(onRevision: (revision: number) => void, onClosed: () => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(WEBPHONE_EVENTS_URL);
  source.addEventListener('config', (event) => {
    try {
      const { revision } = JSON.parse((event as MessageEvent<string>).data) as { revision?: unknown };
      if (typeof revision === 'number') onRevision(revision);
    } catch {
      // Not ours: ignore.
    }
  });
  // Admin saved an Agent-tab button or form (ADR 0022): open Agent tabs reload their buttons.
  source.addEventListener('agent', (event) => {
    try {
      const { revision } = JSON.parse((event as MessageEvent<string>).data) as { revision?: unknown };
      if (typeof revision === 'number') agentDefinitionsChanged(revision);
    } catch {
      // Not ours: ignore.
    }
  });
  // The browser reconnects by itself; CLOSED means it gave up (e.g. 401 after the session expired).
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) onClosed();
  });
  return () => source.close();
}

const http = appHttp();
let api: Promise<WebphoneApi> | null = null;

/** The webphone API with its zod schema: loaded after first paint (issue 10's first-load budget). */
export function webphoneApi(): Promise<WebphoneApi> {
  api ??= import('../api/webphone').then((m) => m.webphoneApi(http));
  return api;
}

/** The account's balance (Display Balance). */
export const loadBalance = async () => (await webphoneApi()).balance();

/** The app's one configuration sync: follows sign-in, and forces Auto Answer when the operator says so. */
export const webphoneConfigSync = createWebphoneConfigSync({
  fetchConfig: async () => (await webphoneApi()).config(),
  openEvents,
  cache: pageStorage('local'),
  validate: (raw) => import('./webphone-validation').then((m) => m.validConfig(raw)),
});

let bound = false;

/** Once per page (app startup). */
export function bindWebphoneConfig(): void {
  if (bound) return;
  bound = true;
  useRegistrationStore.subscribe((next, before) => {
    if (next.state === RegistrationState.Registered && before.state !== RegistrationState.Registered) {
      void webphoneConfigSync.start();
    }
  });
  useSettingsStore.subscribe((next, before) => {
    if (before.signedIn && !next.signedIn) webphoneConfigSync.stop();
  });
  bindForcedAutoAnswer(useSettingsStore);
  // Codec removal and priority for every offer and answer the app makes from now on.
  const applyCodecs = (codecs: Codecs) =>
    phoneBridge.setCodecs({ prefer: [...codecs.priority], remove: [...codecs.remove] });
  useWebphoneConfig.subscribe((next, before) => {
    if (next.config.codecs !== before.config.codecs) applyCodecs(next.config.codecs);
  });
  applyCodecs(useWebphoneConfig.getState().config.codecs);
}
