/**
 * The Kamailio project of the e2e suite (playwright.config.ts): Kamailio + coturn started by
 * `kamailio-launcher.ts`, and a second reference server in external mode minting credentials for them.
 * All ports derive from E2E_PORT so parallel runs with another E2E_PORT do not collide:
 *
 *   E2E_PORT + 1        reference server, SIP_SERVER=external (the project's baseURL)
 *   E2E_PORT + 2        Kamailio WebSocket (the app connects to ws://127.0.0.1:<port>/sip)
 *   E2E_PORT + 3        Kamailio UDP/TCP SIP
 *   E2E_PORT + 4        coturn (UDP/TCP)
 *   E2E_PORT + 50…+99   coturn relay ports
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PORT } from './ports';

export const KAMAILIO_SERVER_PORT = E2E_PORT + 1;
export const KAMAILIO_WS_PORT = E2E_PORT + 2;
export const KAMAILIO_SIP_PORT = E2E_PORT + 3;
export const TURN_PORT = E2E_PORT + 4;
export const TURN_MIN_PORT = E2E_PORT + 50;
export const TURN_MAX_PORT = E2E_PORT + 99;
export const KAMAILIO_DATA_DIR = join(tmpdir(), `openline-e2e-kamailio-data-${E2E_PORT}`);
/** Shared by Kamailio (AUTH_SECRET), coturn (static-auth-secret) and the server (EPHEMERAL_SECRET). */
export const E2E_EPHEMERAL_SECRET = 'openline-e2e-ephemeral-secret';
/** Kamailio ignores the path; `/sip` keeps the two-phone fixture's SIP frame capture working unchanged. */
export const KAMAILIO_WS_URL = `ws://127.0.0.1:${KAMAILIO_WS_PORT}/sip`;
export const TURN_URLS = [`turn:127.0.0.1:${TURN_PORT}?transport=udp`];
