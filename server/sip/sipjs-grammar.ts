/**
 * The `SipGrammar` interface implemented with sip.js's PEG grammar (the parser sip.js itself
 * uses in the browser). Strict and slow (~120 µs per header): used as the oracle in
 * grammar.test.ts and available at runtime with `SIP_PARSER=sipjs`.
 */
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import type { NameAddr, Params, SipGrammar, SipUri, Via } from './grammar';

interface SipjsUri {
  scheme: string;
  user?: string;
  host: string;
  port?: number;
  parameters: Record<string, string | null>;
}
interface SipjsNameAddr {
  uri: SipjsUri;
  displayName: string;
  parameters: Record<string, string | null>;
}

function toParams(record: Record<string, unknown>): Params {
  const params: Params = new Map();
  for (const [key, value] of Object.entries(record)) {
    params.set(key.toLowerCase(), value == null ? null : String(value));
  }
  return params;
}

function toUri(parsed: SipjsUri, raw: string): SipUri {
  const uri: SipUri = {
    scheme: parsed.scheme.toLowerCase(),
    host: parsed.host.toLowerCase(),
    params: toParams(parsed.parameters),
    raw,
  };
  if (parsed.user !== undefined) uri.user = parsed.user;
  if (parsed.port !== undefined) uri.port = parsed.port;
  return uri;
}

function uriText(text: string): string {
  const raw = text.trim();
  const lt = raw.indexOf('<');
  if (lt < 0) {
    const semi = raw.indexOf(';');
    return semi < 0 ? raw : raw.slice(0, semi);
  }
  return raw.slice(lt + 1, raw.indexOf('>', lt));
}

export const sipjsGrammar: SipGrammar = {
  name: 'sipjs',
  uri(text) {
    const raw = text.trim();
    const parsed = Grammar.URIParse(raw) as unknown as SipjsUri | undefined;
    return parsed ? toUri(parsed, raw) : null;
  },
  nameAddr(text) {
    const raw = text.trim();
    // The From rule takes name-addr or addr-spec plus header parameters.
    const parsed = Grammar.parse(raw, 'From') as unknown as SipjsNameAddr | -1;
    if (parsed === -1 || !parsed) return null;
    const result: NameAddr = {
      uri: toUri(parsed.uri, uriText(raw)),
      params: toParams(parsed.parameters),
      raw,
    };
    if (parsed.displayName) result.displayName = parsed.displayName;
    return result;
  },
  via(text) {
    const raw = text.trim();
    const parsed: unknown = Grammar.parse(raw, 'Via');
    if (parsed === -1 || typeof parsed !== 'object' || parsed === null) return null;
    const v = parsed as Record<string, unknown>;
    const params = toParams((v.params as Record<string, unknown> | undefined) ?? {});
    for (const key of ['branch', 'received', 'maddr', 'ttl', 'rport']) {
      if (key in v) params.set(key, v[key] == null ? null : String(v[key]));
    }
    const via: Via = {
      transport: String(v.transport).toUpperCase(),
      host: String(v.host).toLowerCase(),
      params,
      raw,
    };
    if (typeof v.port === 'number') via.port = v.port;
    if (typeof v.branch === 'string') via.branch = v.branch;
    return via;
  },
};
