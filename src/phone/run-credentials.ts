/**
 * Fresh credentials (and ICE servers) for a running engine without re-creating the UserAgent: the
 * registration, the WebSocket and the calls in progress are untouched (ephemeral SIP credentials).
 */
import { sdhFactoryOptions } from './config';
import type { Run } from './run';
import type { CredentialsUpdate, PhoneConfig } from './types';

export function applyCredentials(run: Run, credentials: CredentialsUpdate): void {
  const config: PhoneConfig = {
    ...run.config,
    password: credentials.password,
    authorizationUsername: credentials.authorizationUsername,
    ...(credentials.iceServers ? { iceServers: [...credentials.iceServers] } : {}),
    ...(credentials.iceTransportPolicy ? { iceTransportPolicy: credentials.iceTransportPolicy } : {}),
  };
  run.config = config;
  // sip.js builds each challenged request's digest from these (a Registerer refresh included).
  const live = run.userAgent.configuration;
  live.authorizationUsername = config.authorizationUsername?.trim() || config.username.trim();
  live.authorizationPassword = config.password;
  if (credentials.iceServers || credentials.iceTransportPolicy) {
    live.sessionDescriptionHandlerFactoryOptions = sdhFactoryOptions(config);
  }
}
