/**
 * Reading a join link from the page address, then removing the secret part from the address bar
 * (and from history) so it is not left on screen, in screenshots or in the browser's history list.
 */
import { errorMessage } from '../lib/errors';
import { decodeLegacyData, legacyDataParam } from './legacy';
import { decodeLink, type DecodeOptions, type OpenedLink } from './link';
import { fail, ok, type LinkResult } from './errors';
import { checkPublished, trustFromConfig, type PublishedConfig } from './trust';

export interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
  readonly state: unknown;
}

/**
 * Decodes whichever form the address holds: `#<version>.<…>` (signed), or the Sendbird sample's
 * legacy `?data=`, which carries no signature and is accepted only for the Sendbird application this
 * origin publishes.
 */
export async function readJoinLink(
  location: LocationLike,
  options: DecodeOptions,
): Promise<LinkResult<OpenedLink>> {
  if (location.hash.length > 1) return decodeLink(location.hash, options);
  const legacy = legacyDataParam(location.search);
  if (legacy !== null) {
    const result = decodeLegacyData(legacy, options.now);
    if (!result.ok) return result;
    const published = checkPublished(result.value, options.trust, options.pageHref);
    return published.ok ? ok({ kind: 'open', payload: published.value }) : published;
  }
  return fail('malformed', 'the address holds no call link');
}

/** Replaces the address with the bare `/join` path. */
export function stripJoinSecrets(location: LocationLike, history: HistoryLike): void {
  if (location.hash === '' && legacyDataParam(location.search) === null) return;
  history.replaceState(history.state, '', location.pathname);
}

/** The address as it was when the page opened (read before {@link stripJoinSecrets} clears it). */
export interface JoinAddress extends LocationLike {
  href: string;
}

export function joinAddressOf(location: JoinAddress): JoinAddress {
  const { pathname, search, hash, href } = location;
  return { pathname, search, hash, href };
}

/**
 * Reads and verifies the link in `address` against what the serving origin publishes. `loadConfig`
 * fetches `/api/config` from that origin; when it fails the link cannot be checked and is refused,
 * because nothing from an unchecked payload may reach the screen.
 */
export async function openJoinLink(
  address: JoinAddress,
  loadConfig: () => Promise<PublishedConfig>,
): Promise<LinkResult<OpenedLink>> {
  let config: PublishedConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    return fail('unverifiable', `cannot read /api/config: ${errorMessage(error)}`);
  }
  const trust = trustFromConfig(config, address.href);
  if (!trust.ok) return trust;
  return readJoinLink(address, { trust: trust.value, pageHref: address.href });
}
