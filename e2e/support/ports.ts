import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The shared reference server Playwright starts for the whole run. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 18080);
export const E2E_DATA_DIR = join(tmpdir(), `openline-e2e-data-${E2E_PORT}`);
/**
 * A second embedded reference server for project `screens` (playwright.config.ts), which runs beside the
 * call specs: its own accounts, registrar and database, so the two never meet. (E2E_PORT + 1 … + 5 are
 * the Kamailio project's.)
 */
export const E2E_SCREENS_PORT = E2E_PORT + 6;
export const E2E_SCREENS_DATA_DIR = join(tmpdir(), `openline-e2e-screens-data-${E2E_PORT}`);
export const DEMO_PASSWORD = 'e2e-secret';
/** Published (not used for rooms: no API token) so legacy Sendbird links for it are accepted. */
export const E2E_SENDBIRD_APP_ID = 'A1B2C3D4-0000-4000-8000-000000000000';
/** Server-to-server key of `POST /api/voicemail` on the e2e servers (e2e/voicemail). */
export const E2E_VOICEMAIL_INGEST_KEY = 'e2e-voicemail-ingest-key-0123456789abcdef';
