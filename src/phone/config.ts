/** PhoneConfig validation and the sip.js UserAgent options built from it. */
import { SIPExtension, UserAgent, type SessionDescriptionHandlerFactory } from 'sip.js';
import { icePolicyFor } from './ice';
import { sipTrace } from './sip-trace';
import type { UserAgentDelegateLike, UserAgentInit } from './ports';
import type { PhoneConfig } from './types';

export const DEFAULT_REGISTER_EXPIRES_S = 300;
/** CRLF keep-alive on the WebSocket (s); sip.js sends one every 80–100 % of this. */
export const KEEP_ALIVE_INTERVAL_S = 25;
export const CONNECTION_TIMEOUT_S = 5;
export const USER_AGENT_STRING = 'Openline (sip.js 0.21)';

/** A sentence describing what is wrong with `config`, or null when it is usable. */
export function validateConfig(config: PhoneConfig): string | null {
  const username = config.username?.trim() ?? '';
  if (username === '') return 'Enter your SIP username';
  if (/[\s@]/.test(username) || username.includes(':'))
    return 'The SIP username must not contain spaces, ":" or "@"';
  const domain = config.domain?.trim() ?? '';
  if (domain === '') return 'Enter the SIP domain';
  if (!UserAgent.makeURI(`sip:${username}@${domain}`)) return `"${domain}" is not a valid SIP domain`;
  let url: URL | null = null;
  try {
    url = new URL((config.wsUrl ?? '').trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.host === '') {
    return 'The SIP server address must be a ws:// or wss:// URL';
  }
  if (!Array.isArray(config.iceServers)) return 'ICE servers must be a list (it may be empty)';
  if (config.registerExpires !== undefined && !(config.registerExpires > 0)) {
    return 'The registration expiry must be a positive number of seconds';
  }
  return null;
}

/** The SDH factory options (ICE servers, transport policy, gathering cap) for `config`. */
export function sdhFactoryOptions(
  config: Pick<PhoneConfig, 'iceServers' | 'iceTransportPolicy' | 'iceGatheringMaxMs'>,
) {
  const iceTransportPolicy = config.iceTransportPolicy ?? 'all';
  const cap = icePolicyFor({
    iceServers: config.iceServers,
    iceTransportPolicy,
    maxMs: config.iceGatheringMaxMs,
  }).maxMs;
  return {
    // Always explicit, even when empty: sip.js otherwise defaults to a public STUN server.
    peerConnectionConfiguration: { iceServers: [...config.iceServers], iceTransportPolicy },
    iceGatheringTimeout: cap,
  };
}

/**
 * What a prepared offer depends on (ICE servers and policy, codecs, audio or video): one made for other
 * settings, or for the other kind of call, is not used.
 */
export function preparedOfferKey(
  config: Pick<PhoneConfig, 'iceServers' | 'iceTransportPolicy' | 'iceGatheringMaxMs' | 'codecs'>,
  video = false,
): string {
  return JSON.stringify([sdhFactoryOptions(config), config.codecs ?? null, video ? 'video' : 'audio']);
}

export function userAgentOptions(
  config: PhoneConfig,
  delegate: UserAgentDelegateLike,
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory,
): UserAgentInit {
  const username = config.username.trim();
  const uri = UserAgent.makeURI(`sip:${username}@${config.domain.trim()}`);
  if (!uri) throw new Error(`"${config.domain}" is not a valid SIP domain`);
  return {
    uri,
    authorizationUsername: config.authorizationUsername?.trim() || username,
    authorizationPassword: config.password,
    displayName: config.displayName?.trim() || undefined,
    transportOptions: {
      server: config.wsUrl.trim(),
      connectionTimeout: CONNECTION_TIMEOUT_S,
      keepAliveInterval: KEEP_ALIVE_INTERVAL_S,
      // Frames go through the logger to sipTrace, which drops them unless debug mode is on (issue 13).
      traceSip: true,
    },
    contactParams: { transport: 'ws' },
    sessionDescriptionHandlerFactory,
    sessionDescriptionHandlerFactoryOptions: sdhFactoryOptions(config),
    logLevel: 'log',
    logBuiltinEnabled: false,
    logConnector: sipTrace.connector,
    logConfiguration: false,
    userAgentString: USER_AGENT_STRING,
    // The engine sends 180 itself, and only when the page can alert the user (alerting.ts).
    sendInitialProvisionalResponse: false,
    // Attended transfer: sip.js matches an INVITE with Replaces to our dialog (transfer.ts decides).
    sipExtensionReplaces: SIPExtension.Supported,
    delegate,
  };
}
