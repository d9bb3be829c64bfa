/**
 * The Kamailio project of the e2e suite (playwright.config.ts): Kamailio + coturn started by
 * `kamailio-launcher.ts`, and a second reference server in external mode minting credentials for them.
 * All ports derive from E2E_PORT so parallel runs with another E2E_PORT do not collide:
 *
 *   E2E_PORT + 1        reference server, SIP_SERVER=external (the project's baseURL)
 *   E2E_PORT + 2        Kamailio WebSocket (the app connects to ws://127.0.0.1:<port>/sip)
 *   E2E_PORT + 3        Kamailio UDP/TCP SIP
 *   E2E_PORT + 4        coturn (UDP/TCP)
 *   E2E_PORT + 5        the reference server's loopback SIP/TCP listener (Kamailio's chat history copies)
 *   20000 + 1000·k …    coturn relay ports: 1,000 of them, k = ⌊E2E_PORT / 100⌋ mod 40
 *
 * The relay range is wide on purpose: every peer connection in this project gathers a TURN allocation (TURN is
 * configured for all of them), ICE restarts gather new ones, and an allocation whose page was closed stays
 * until its 10-minute lifetime ends; 50 ports could run out before the last spec. (That was suspected as the
 * cause of the turn-relay spec's first-attempt failures; it was not: both pages do get a relay candidate and
 * still see no RTP now and then. See the spec.)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PORT } from './ports';

export const KAMAILIO_SERVER_PORT = E2E_PORT + 1;
export const KAMAILIO_WS_PORT = E2E_PORT + 2;
export const KAMAILIO_SIP_PORT = E2E_PORT + 3;
export const TURN_PORT = E2E_PORT + 4;
export const KAMAILIO_SERVER_SIP_PORT = E2E_PORT + 5;
export const TURN_MIN_PORT = 20_000 + (Math.floor(E2E_PORT / 100) % 40) * 1000;
export const TURN_MAX_PORT = TURN_MIN_PORT + 999;
export const KAMAILIO_DATA_DIR = join(tmpdir(), `openline-e2e-kamailio-data-${E2E_PORT}`);
/** Shared by Kamailio (AUTH_SECRET), coturn (static-auth-secret) and the server (EPHEMERAL_SECRET). */
export const E2E_EPHEMERAL_SECRET = 'openline-e2e-ephemeral-secret';
/** Kamailio ignores the path; `/sip` keeps the two-phone fixture's SIP frame capture working unchanged. */
export const KAMAILIO_WS_URL = `ws://127.0.0.1:${KAMAILIO_WS_PORT}/sip`;
export const TURN_URLS = [`turn:127.0.0.1:${TURN_PORT}?transport=udp`];
