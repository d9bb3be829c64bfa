/**
 * The operator's own server scripts (issue 13): trusted modules the operator drops into
 * `DATA_DIR/scripts/`, loaded once at start and run by `sandbox_id` (the file's name without its
 * extension) exactly like the built-in demo scripts. The trust boundary is the server's file system,
 * as for the server's own code: nothing is ever taken from a browser or the API, and nothing is
 * evaluated from a string (`import()` of a file the operator installed, no eval, no vm).
 *
 * A module's default export (or a named `run`) is the script: `(input: ScriptInput) => actions`, or a
 * promise of them. `.ts`/`.mts` files work because the server runs under tsx; `.js`/`.mjs` too.
 * A file that cannot be a script (a bad name, no function, an import that throws, writable by other
 * users) is skipped with a log line saying which and why; the server still starts.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../../log';
import type { ServerScript } from './types';

const SCRIPT_FILE = /\.(?:ts|mts|js|mjs)$/;
/** The same shape as the demo ids (`crm-lookup`): a button or form names it in `sandbox_id`. */
export const SANDBOX_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface LoadedScripts {
  scripts: Map<string, ServerScript>;
  /** One sentence per file that was not loaded. */
  problems: string[];
}

export async function loadOperatorScripts(dir: string): Promise<LoadedScripts> {
  const scripts = new Map<string, ServerScript>();
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (f) => SCRIPT_FILE.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { scripts, problems };
    throw error;
  }
  for (const file of files.sort()) {
    const path = join(dir, file);
    const id = basename(file, extname(file));
    const problem = await loadOne(path, id, scripts);
    if (problem) problems.push(`${file}: ${problem}`);
  }
  return { scripts, problems };
}

async function loadOne(path: string, id: string, into: Map<string, ServerScript>): Promise<string | null> {
  if (!SANDBOX_ID.test(id)) {
    return 'not loaded: a script is named by its sandbox_id, lower-case letters, digits, "-" and "_" (e.g. crm-lookup.ts).';
  }
  if (into.has(id)) return `not loaded: another file already defines "${id}".`;
  // Code any local user could change would be code any local user could run as the server.
  if (statSync(path).mode & 0o002) return 'not loaded: the file is writable by every user (chmod o-w it).';
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    return `not loaded: importing it failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const script = module.default ?? module.run;
  if (typeof script !== 'function') return 'not loaded: it must export a function (default export or `run`).';
  into.set(id, script as ServerScript);
  return null;
}

/** The registry the agent routes use: the operator's scripts beside (and, by the same id, over) the demo's. */
export async function scriptRegistry(
  dir: string,
  builtIn: ReadonlyMap<string, ServerScript>,
  log: Logger,
): Promise<ReadonlyMap<string, ServerScript>> {
  const { scripts, problems } = await loadOperatorScripts(dir);
  for (const problem of problems) log.error(`Server script ${problem}`);
  for (const id of scripts.keys()) {
    log.info(
      builtIn.has(id) ? `Server script "${id}" loaded (replaces the demo's)` : `Server script "${id}" loaded`,
    );
  }
  return new Map([...builtIn, ...scripts]);
}
