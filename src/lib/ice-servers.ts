/**
 * Parse the "ICE servers" setting. Accepted forms:
 * - empty text: no ICE servers (host candidates only);
 * - one URL per line: `stun:host[:port]`, `stuns:…`, `turn:host[:port][?transport=udp|tcp]`,
 *   `turns:…`, with TURN credentials written as `turn:user:pass@host[:port]`
 *   (percent-encode `:` or `@` inside them); blank lines and `#` comments are ignored;
 * - JSON: one RTCIceServer object or an array of them.
 */
import { t } from '@lingui/core/macro';
import { errorMessage } from './errors';
/** `error` is in the active language (the Settings form shows it under the field). */
export type IceServersResult = { ok: true; servers: RTCIceServer[] } | { ok: false; error: string };

const SCHEMES = ['stun', 'stuns', 'turn', 'turns'] as const;
const HOST_PORT = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/i;
const TRANSPORT_QUERY = /^\?transport=(udp|tcp)$/i;

function checkUrl(url: string): string | null {
  const match = /^([a-z]+):(.*)$/i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? '';
  if (!scheme || !(SCHEMES as readonly string[]).includes(scheme)) {
    return t`“${url}” must start with stun:, stuns:, turn: or turns:`;
  }
  const queryAt = rest.indexOf('?');
  const hostPort = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt);
  const hp = HOST_PORT.exec(hostPort);
  if (!hp) return t`“${url}” has no valid host (expected ${scheme}:host or ${scheme}:host:port)`;
  const port = hp[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return t`“${url}” has an invalid port`;
  if (query && (!scheme.startsWith('turn') || !TRANSPORT_QUERY.test(query))) {
    return t`“${url}” has an unsupported query (only ?transport=udp|tcp on TURN URLs)`;
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseLine(line: string): RTCIceServer | string {
  const match = /^(turns?):([^@]+)@(.+)$/i.exec(line);
  if (match) {
    const [, scheme = '', userinfo = '', host = ''] = match;
    const colon = userinfo.indexOf(':');
    if (colon <= 0 || colon === userinfo.length - 1) {
      return t`“${line}” needs both a username and a password (turn:user:pass@host)`;
    }
    const urls = `${scheme.toLowerCase()}:${host}`;
    const error = checkUrl(urls);
    if (error) return error;
    return {
      urls,
      username: safeDecode(userinfo.slice(0, colon)),
      credential: safeDecode(userinfo.slice(colon + 1)),
    };
  }
  if (/^stuns?:[^@]*@/i.test(line)) return t`“${line}”: STUN servers take no username or password`;
  const error = checkUrl(line);
  if (error) return error;
  if (/^turns?:/i.test(line)) return t`“${line}” needs a username and password (turn:user:pass@host)`;
  return { urls: line };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): IceServersResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = errorMessage(e);
    return { ok: false, error: t`ICE servers JSON is invalid: ${detail}` };
  }
  const list = Array.isArray(data) ? data : [data];
  const servers: RTCIceServer[] = [];
  for (const [index, item] of list.entries()) {
    const n = index + 1;
    if (!isRecord(item)) return { ok: false, error: t`ICE server ${n} must be an object with "urls"` };
    const { urls, username, credential } = item;
    const urlList = typeof urls === 'string' ? [urls] : Array.isArray(urls) ? urls : null;
    if (!urlList || urlList.length === 0 || !urlList.every((u): u is string => typeof u === 'string')) {
      return { ok: false, error: t`ICE server ${n} needs "urls": a string or a list of strings` };
    }
    for (const url of urlList) {
      const error = checkUrl(url);
      if (error) return { ok: false, error: t`ICE server ${n}: ${error}` };
    }
    if (username !== undefined && typeof username !== 'string') {
      return { ok: false, error: t`ICE server ${n}: "username" must be a string` };
    }
    if (credential !== undefined && typeof credential !== 'string') {
      return { ok: false, error: t`ICE server ${n}: "credential" must be a string` };
    }
    const needsAuth = urlList.some((u) => /^turns?:/i.test(u));
    if (needsAuth && (!username || !credential)) {
      return { ok: false, error: t`ICE server ${n}: TURN servers need "username" and "credential"` };
    }
    const server: RTCIceServer = { urls: typeof urls === 'string' ? urls : urlList };
    if (username !== undefined) server.username = username;
    if (credential !== undefined) server.credential = credential;
    servers.push(server);
  }
  return { ok: true, servers };
}

export function parseIceServers(text: string): IceServersResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, servers: [] };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJson(trimmed);

  const servers: RTCIceServer[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const result = parseLine(line);
    const lineNumber = index + 1;
    if (typeof result === 'string') return { ok: false, error: t`Line ${lineNumber}: ${result}` };
    servers.push(result);
  }
  return { ok: true, servers };
}

/** The inverse of {@link parseIceServers} for prefilling the field: plain lines when possible, else JSON. */
export function formatIceServers(servers: readonly RTCIceServer[]): string {
  const lines: string[] = [];
  for (const server of servers) {
    const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
    for (const url of urls) {
      const turn = /^(turns?):(.*)$/i.exec(url);
      if (turn && server.username && server.credential) {
        const user = encodeURIComponent(server.username);
        const pass = encodeURIComponent(server.credential);
        lines.push(`${turn[1]}:${user}:${pass}@${turn[2]}`);
      } else if (!turn && !server.username && !server.credential) {
        lines.push(url);
      } else {
        return JSON.stringify(servers, null, 2);
      }
    }
  }
  return lines.join('\n');
}
