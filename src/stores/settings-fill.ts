/**
 * Filling the sign-in form from two sources that arrive in either order while the user may already be
 * typing: the saved settings (IndexedDB, slow on a first visit, which creates the database) and the
 * server's suggestions (`/api/config`). What the user typed is never overwritten; the saved settings
 * beat the server's suggestions; the suggestions only fill empty fields, and only on a first run.
 */
import type { ClientConfig } from '../api/schemas';
import { formatIceServers } from '../lib/ice-servers';
import { resolveWebSocketUrl } from '../lib/ws-url';
import type { SettingsValues } from './settings';

type Key = keyof SettingsValues;
const keysOf = (values: SettingsValues) => Object.keys(values) as Key[];

/**
 * The form after the saved settings arrive. `automatic` is what the service itself last put in the form
 * (the defaults, the server's suggestions): a field that differs from it now was typed by the user.
 */
export function withSavedSettings(
  current: SettingsValues,
  automatic: SettingsValues,
  saved: SettingsValues,
): SettingsValues {
  const next = { ...saved };
  for (const key of keysOf(saved)) {
    if (current[key] !== automatic[key]) Object.assign(next, { [key]: current[key] });
  }
  return next;
}

/** The server's suggestions for the fields still empty: the SIP domain, WebSocket URL and ICE servers. */
export function serverSuggestions(
  current: SettingsValues,
  config: ClientConfig,
  location: { href: string },
): Partial<SettingsValues> {
  const next: Partial<SettingsValues> = {};
  if (current.domain === '') next.domain = config.sipDomain;
  if (current.wsUrl === '') next.wsUrl = resolveWebSocketUrl(config.wsUrl, location);
  if (current.iceServersText === '' && config.iceServers.length > 0) {
    next.iceServersText = formatIceServers(config.iceServers);
  }
  return next;
}
