import { t } from '@lingui/core/macro';
import { parseIceServers } from '../lib/ice-servers';
import { isWebSocketUrl } from '../lib/ws-url';
import type { PhoneConfig } from '../phone/types';
import type { SettingsValues } from './settings';

export type SettingsErrors = Partial<Record<keyof SettingsValues, string>>;

export type SettingsValidation = { ok: true; config: PhoneConfig } | { ok: false; errors: SettingsErrors };

const SIP_USER = /^[^\s@:;<>"]+$/;
const DOMAIN = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/i;

/** Check the Settings form and build the engine config from it. */
export function validateSettings(values: SettingsValues): SettingsValidation {
  const errors: SettingsErrors = {};
  const username = values.username.trim();
  const domain = values.domain.trim();
  const wsUrl = values.wsUrl.trim();

  if (username === '') errors.username = t`Enter your SIP username, e.g. 1001.`;
  else if (!SIP_USER.test(username)) errors.username = t`A username cannot contain spaces, @, : or ;.`;
  if (values.password === '') errors.password = t`Enter your password.`;
  if (domain === '') errors.domain = t`Enter the SIP domain, e.g. openline.local.`;
  else if (!DOMAIN.test(domain)) errors.domain = t`Enter a host name or IP address, without sip:.`;
  if (wsUrl === '') errors.wsUrl = t`Enter the WebSocket URL, e.g. wss://example.com/sip.`;
  else if (!isWebSocketUrl(wsUrl)) errors.wsUrl = t`The WebSocket URL must start with ws:// or wss://.`;

  const ice = parseIceServers(values.iceServersText);
  if (!ice.ok) errors.iceServersText = ice.error;

  if (Object.keys(errors).length > 0 || !ice.ok) return { ok: false, errors };

  const config: PhoneConfig = {
    username,
    password: values.password,
    domain,
    wsUrl,
    iceServers: ice.servers,
    autoAnswer: values.autoAnswer,
    dtmfMethod: values.dtmfMethod,
  };
  const displayName = values.displayName.trim();
  if (displayName !== '') config.displayName = displayName;
  return { ok: true, config };
}
