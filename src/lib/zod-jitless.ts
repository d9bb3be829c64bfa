/**
 * zod 4 probes for `new Function` the first time it parses an object, to compile fast parsers. Under
 * our CSP (no 'unsafe-eval') that probe is reported as a CSP violation in the console (Lighthouse flags
 * it). Jitless mode skips the probe; the interpreted parser is fast enough for our payloads.
 * Imported first by every entry point, before any schema is used. zod/mini and the classic API share
 * one core, so this one setting covers both, without pulling the classic API into the join page.
 */
import { config } from 'zod/mini';

config({ jitless: true });
