import type { ServerOptions } from '../../app';

/**
 * A reference server in Kamailio (external) mode with the voicemail SIP/TCP listener on a free
 * loopback port: what the listener, MWI-through-Kamailio and Kamailio voicemail tests start. The
 * WebSocket URL is never dialled (port 9, discard); the tests speak SIP/TCP to the listener.
 */
export const EXTERNAL_LISTENER_OPTIONS = {
  sipServer: 'external',
  sipWsUrl: 'ws://127.0.0.1:9/',
  voicemailSipListen: '127.0.0.1:0',
} as const satisfies Partial<ServerOptions>;
