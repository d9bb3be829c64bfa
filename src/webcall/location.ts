/**
 * Reading a join link from the page address, then removing the secret part from the address bar
 * (and from history) so it is not left on screen, in screenshots or in the browser's history list.
 */
import { decodeLegacyData, legacyDataParam } from './legacy';
import { decodeLink, type DecodeOptions, type OpenedLink } from './link';
import { fail, ok, type LinkResult } from './errors';

export interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
  readonly state: unknown;
}

/** Decodes whichever form the address holds: `#<version>.<…>`, or the legacy `?data=`. */
export function readJoinLink(location: LocationLike, options: DecodeOptions = {}): LinkResult<OpenedLink> {
  if (location.hash.length > 1) return decodeLink(location.hash, options);
  const legacy = legacyDataParam(location.search);
  if (legacy !== null) {
    const result = decodeLegacyData(legacy, options.now);
    return result.ok ? ok({ kind: 'open', payload: result.value }) : result;
  }
  return fail('malformed', 'the address holds no call link');
}

/** Replaces the address with the bare `/join` path. */
export function stripJoinSecrets(location: LocationLike, history: HistoryLike): void {
  if (location.hash === '' && legacyDataParam(location.search) === null) return;
  history.replaceState(history.state, '', location.pathname);
}
