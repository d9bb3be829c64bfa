/**
 * The operator's webphone configuration as the app knows it (issue 13): fetched once signed in, kept
 * current by the server's event stream, and cached so the brand and menu are right at first paint.
 */
import { create } from 'zustand';
import { DEFAULT_WEBPHONE_CONFIG } from '../api/webphone-defaults';
import type { Role, WebphoneConfig, WebphoneConfigResponse } from '../api/webphone-schemas';

export interface WebphoneConfigState {
  config: WebphoneConfig;
  revision: number;
  /** The signed-in user's role; null until the server has said (the Admin tab stays hidden). */
  role: Role | null;
  username: string | null;
}

export const useWebphoneConfig = create<WebphoneConfigState>()(() => ({
  config: DEFAULT_WEBPHONE_CONFIG,
  revision: 0,
  role: null,
  username: null,
}));

/** The part of the settings store the Auto Answer flag drives. */
interface AutoAnswerSettings {
  getState(): { values: { autoAnswer: boolean }; setField(key: 'autoAnswer', value: boolean): void };
  subscribe(listener: () => void): () => void;
}

/** Auto Answer flag: the user's auto-answer preference is on, and switched back on if turned off. */
export function bindForcedAutoAnswer(settings: AutoAnswerSettings): () => void {
  const force = () => {
    const state = settings.getState();
    if (useWebphoneConfig.getState().config.flags.autoAnswer && !state.values.autoAnswer) {
      state.setField('autoAnswer', true);
    }
  };
  const offConfig = useWebphoneConfig.subscribe(force);
  const offSettings = settings.subscribe(force);
  force();
  return () => {
    offConfig();
    offSettings();
  };
}

export interface ConfigCache {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WebphoneConfigSyncDeps {
  fetchConfig(): Promise<WebphoneConfigResponse>;
  /**
   * Opens the change stream; calls back with each announced revision, and `onClosed` when it gave up
   * (e.g. the session expired: the next start() opens it again). Returns the close function.
   */
  openEvents(onRevision: (revision: number) => void, onClosed: () => void): () => void;
  /** localStorage: the last configuration seen (not the role: that is always asked again). */
  cache?: ConfigCache | null;
  /** Validates a cached configuration (the zod schema, loaded after first paint); null when invalid. */
  validate?: (raw: unknown) => Promise<WebphoneConfig | null>;
}

const CACHE_KEY = 'openline.webphone-config';

export interface WebphoneConfigSync {
  /** Resolves once the cached configuration (if any) is applied. */
  readonly cacheRead: Promise<void>;
  /** Signed in: fetch now and follow changes. Safe to call again (refetches). */
  start(): Promise<void>;
  /** Signed out: stop following; the role is forgotten (Admin hidden), the brand stays. */
  stop(): void;
  /** A configuration the app already has (e.g. the answer to an admin's save). */
  apply(response: WebphoneConfigResponse): void;
}

export function createWebphoneConfigSync(deps: WebphoneConfigSyncDeps): WebphoneConfigSync {
  let closeEvents: (() => void) | null = null;
  let fetching: Promise<void> | null = null;

  /** Resolves once a cached configuration has been applied (or found missing or invalid). */
  const cacheRead = readCache();

  async function readCache(): Promise<void> {
    const cached = deps.cache?.getItem(CACHE_KEY);
    if (!cached || !deps.validate) return;
    let config: WebphoneConfig | null = null;
    try {
      config = await deps.validate(JSON.parse(cached));
    } catch {
      config = null;
    }
    if (!config) return deps.cache?.removeItem(CACHE_KEY);
    // The server may have answered already: its word wins.
    if (useWebphoneConfig.getState().revision === 0) useWebphoneConfig.setState({ config });
  }

  function apply({ revision, config, viewer }: WebphoneConfigResponse) {
    if (revision < useWebphoneConfig.getState().revision) return; // an older answer arriving late
    useWebphoneConfig.setState({ config, revision, role: viewer.role, username: viewer.username });
    try {
      deps.cache?.setItem(CACHE_KEY, JSON.stringify(config));
    } catch {
      // A full or blocked storage only costs the first-paint cache.
    }
  }

  function refetch(): Promise<void> {
    fetching ??= deps
      .fetchConfig()
      .then(apply)
      .catch((e: unknown) => console.warn('Openline: could not load the webphone configuration', e))
      .finally(() => {
        fetching = null;
      });
    return fetching;
  }

  return {
    cacheRead,
    async start() {
      await refetch();
      closeEvents ??= deps.openEvents(
        (revision) => {
          if (revision > useWebphoneConfig.getState().revision) void refetch();
        },
        () => {
          closeEvents = null;
        },
      );
    },
    stop() {
      closeEvents?.();
      closeEvents = null;
      useWebphoneConfig.setState({ role: null, username: null, revision: 0 });
    },
    apply,
  };
}

// Screens reach the shared constants through this store (lint layers): the menu, the brand and the Admin form.
export { DEFAULT_WEBPHONE_CONFIG, MENU_ICONS, TAB_IDS } from '../api/webphone-defaults';
