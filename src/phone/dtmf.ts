/**
 * DTMF: tone validation, method choice, and SIP INFO bodies (application/dtmf-relay).
 * Sending over RTP (RFC 4733) uses the browser's RTCDTMFSender.
 */
import type { DtmfMethod, DtmfTone } from './types';

export const DTMF_RELAY_CONTENT_TYPE = 'application/dtmf-relay';
export const DTMF_INFO_DURATION_MS = 160;
/** RTCDTMFSender's own pause for ',' (ms); used for SIP INFO too. */
export const DTMF_PAUSE_MS = 2000;
/** Tone length and gap for RTCDTMFSender.insertDTMF (ms). */
export const DTMF_RTP_DURATION_MS = 100;
export const DTMF_RTP_GAP_MS = 70;

const TONES = new Set<string>([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '*',
  '#',
  'A',
  'B',
  'C',
  'D',
]);

export function isDtmfTone(value: string): value is DtmfTone {
  return TONES.has(value);
}

/**
 * Validates and normalises a tone string: `0-9 * # A-D` (a-d accepted) and `,` for a
 * 2 s pause. Throws `Invalid DTMF tone 'x'` on anything else.
 */
export function normalizeTones(tones: string): string {
  if (tones.length === 0) throw new Error('No DTMF tones to send');
  let out = '';
  for (const char of tones) {
    const upper = char.toUpperCase();
    if (upper === ',' || isDtmfTone(upper)) out += upper;
    else throw new Error(`Invalid DTMF tone '${char}'`);
  }
  return out;
}

/** Subset of RTCRtpSender used for DTMF. */
export interface DtmfCapableSender {
  readonly dtmf?: {
    readonly canInsertDTMF: boolean;
    readonly toneBuffer: string;
    insertDTMF(tones: string, duration?: number, gap?: number): void;
  } | null;
}

/**
 * Which transport to use. `auto`: RFC 4733 when the audio sender has a DTMF sender that
 * can insert tones (telephone-event negotiated, sending), otherwise SIP INFO.
 */
export function chooseDtmfMethod(method: DtmfMethod, sender: DtmfCapableSender | null): 'rfc4733' | 'info' {
  if (method === 'info') return 'info';
  if (method === 'rfc4733') return 'rfc4733';
  return sender?.dtmf?.canInsertDTMF ? 'rfc4733' : 'info';
}

export function buildDtmfInfoBody(tone: DtmfTone, durationMs = DTMF_INFO_DURATION_MS): string {
  return `Signal=${tone}\r\nDuration=${durationMs}\r\n`;
}

/** RFC 4733 event codes some servers put in `Signal=` instead of the character. */
const EVENT_CODES: Record<string, DtmfTone> = {
  '10': '*',
  '11': '#',
  '12': 'A',
  '13': 'B',
  '14': 'C',
  '15': 'D',
};

function toneFrom(value: string): DtmfTone | null {
  const trimmed = value.trim().toUpperCase();
  if (isDtmfTone(trimmed)) return trimmed;
  return EVENT_CODES[trimmed] ?? null;
}

export type InfoClassification =
  | { kind: 'dtmf'; tone: DtmfTone }
  /** A DTMF content type with a body we cannot read. */
  | { kind: 'bad-dtmf' }
  /** Empty INFO (RFC 6086 keep-alive) or a type we accept without acting on it. */
  | { kind: 'ignore' }
  | { kind: 'unsupported'; contentType: string };

/** Accept header to send with a 415 answer to INFO. */
export const INFO_ACCEPT = `${DTMF_RELAY_CONTENT_TYPE}, application/dtmf`;

/** Decides what to do with an incoming in-dialog INFO request. */
export function classifyInfo(
  contentTypeHeader: string | undefined,
  body: string | undefined,
): InfoClassification {
  const contentType = (contentTypeHeader ?? '').split(';')[0]!.trim().toLowerCase();
  const text = body ?? '';
  if (contentType === '' && text.trim() === '') return { kind: 'ignore' };
  if (contentType === DTMF_RELAY_CONTENT_TYPE) {
    const match = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(text);
    const tone = match ? toneFrom(match[1]!) : null;
    return tone ? { kind: 'dtmf', tone } : { kind: 'bad-dtmf' };
  }
  if (contentType === 'application/dtmf') {
    const tone = toneFrom(text);
    return tone ? { kind: 'dtmf', tone } : { kind: 'bad-dtmf' };
  }
  // Video fast-update requests (RFC 5168) are common and harmless: WebRTC handles key frames itself.
  if (contentType === 'application/media_control+xml') return { kind: 'ignore' };
  return { kind: 'unsupported', contentType };
}
