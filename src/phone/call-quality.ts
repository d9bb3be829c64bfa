/**
 * Call quality from `RTCPeerConnection.getStats()`, as pure functions: a report → counters (one
 * reading), two readings → a sample (RTT, jitter, loss over the interval, bitrates, codec, MOS), and
 * the "no audio" detector. The formula and thresholds are documented in docs/calls.md "Call quality".
 */

/** The part of an `RTCStatsReport` we read (a maplike of plain stats dictionaries). */
export interface StatsReportLike {
  forEach(callback: (value: unknown) => void): void;
}

/** One reading of the audio counters; a field is undefined when the browser did not report it. */
export interface QualityCounters {
  /** `timestamp` of the reading (ms). */
  readonly at: number;
  readonly packetsReceived?: number;
  readonly packetsLost?: number;
  readonly bytesReceived?: number;
  readonly bytesSent?: number;
  /** Inbound: Σ audioLevel² × duration, and the duration it covers (s). */
  readonly inEnergy?: number;
  readonly inDuration?: number;
  /** Outbound (media-source, what the microphone gives before encoding). */
  readonly outEnergy?: number;
  readonly outDuration?: number;
  readonly rttMs?: number;
  readonly jitterMs?: number;
  readonly codec?: string;
}

type Entry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function entriesOf(report: StatsReportLike): Entry[] {
  const entries: Entry[] = [];
  report.forEach((value) => {
    if (typeof value === 'object' && value !== null && 'type' in value && 'id' in value) {
      entries.push(value as Entry);
    }
  });
  return entries;
}

const isAudio = (entry: Entry) => (entry.kind ?? entry.mediaType) === 'audio';

function selectedPair(entries: Entry[]): Entry | undefined {
  const transport = entries.find((e) => e.type === 'transport' && str(e.selectedCandidatePairId));
  const byTransport = transport && entries.find((e) => e.id === transport.selectedCandidatePairId);
  return (
    byTransport ??
    entries.find((e) => e.type === 'candidate-pair' && e.nominated === true && e.state === 'succeeded')
  );
}

/** Reads the audio counters of one report; null when it has no audio RTP at all (not connected yet). */
export function readCounters(report: StatsReportLike): QualityCounters | null {
  const entries = entriesOf(report);
  const inbound = entries.find((e) => e.type === 'inbound-rtp' && isAudio(e));
  const outbound = entries.find((e) => e.type === 'outbound-rtp' && isAudio(e));
  if (!inbound && !outbound) return null;
  const remoteInbound = entries.find((e) => e.type === 'remote-inbound-rtp' && isAudio(e));
  const source = entries.find((e) => e.type === 'media-source' && isAudio(e));
  const pair = selectedPair(entries);
  const codecId = inbound?.codecId ?? outbound?.codecId;
  const codec = entries.find((e) => e.type === 'codec' && e.id === codecId);
  const rttS = num(remoteInbound?.roundTripTime) ?? num(pair?.currentRoundTripTime);
  const jitterS = num(inbound?.jitter);
  const mime = str(codec?.mimeType);
  return {
    at: num(inbound?.timestamp) ?? num(outbound?.timestamp) ?? 0,
    packetsReceived: num(inbound?.packetsReceived),
    packetsLost: num(inbound?.packetsLost),
    bytesReceived: num(inbound?.bytesReceived),
    bytesSent: num(outbound?.bytesSent),
    inEnergy: num(inbound?.totalAudioEnergy),
    inDuration: num(inbound?.totalSamplesDuration),
    outEnergy: num(source?.totalAudioEnergy),
    outDuration: num(source?.totalSamplesDuration),
    rttMs: rttS === undefined ? undefined : rttS * 1000,
    jitterMs: jitterS === undefined ? undefined : jitterS * 1000,
    codec: mime ? mime.replace(/^audio\//i, '').toLowerCase() : undefined,
  };
}

export type QualityMark = 'good' | 'fair' | 'poor';

export interface QualitySample {
  readonly rttMs: number | null;
  readonly jitterMs: number | null;
  /** Fraction (0..1) of the packets expected in the interval that were lost. */
  readonly lossFraction: number | null;
  readonly inKbps: number | null;
  readonly outKbps: number | null;
  readonly codec: string | null;
  readonly mos: number | null;
  readonly mark: QualityMark | null;
}

/** A counter's growth over the interval; null when unknown or reset (it went down: new SSRC, ICE restart). */
export function delta(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined || after === undefined || after < before) return null;
  return after - before;
}

/** Packets lost in the interval; packetsLost may go down (late duplicates): no loss, not negative loss. */
function lossBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined || after === undefined) return null;
  return Math.max(0, after - before);
}

function kbps(bytes: number | null, ms: number): number | null {
  return bytes === null || ms <= 0 ? null : (bytes * 8) / ms;
}

/** The interval from `before` to `after` (two readings of the same call). */
export function sampleBetween(before: QualityCounters | null, after: QualityCounters): QualitySample {
  const ms = before ? after.at - before.at : 0;
  const received = before ? delta(before.packetsReceived, after.packetsReceived) : null;
  const lost = before ? lossBetween(before.packetsLost, after.packetsLost) : null;
  const expected = received !== null && lost !== null ? received + lost : 0;
  const lossFraction = lost !== null && expected > 0 ? lost / expected : null;
  const quality = {
    rttMs: after.rttMs ?? null,
    jitterMs: after.jitterMs ?? null,
    lossFraction,
    inKbps: before ? kbps(delta(before.bytesReceived, after.bytesReceived), ms) : null,
    outKbps: before ? kbps(delta(before.bytesSent, after.bytesSent), ms) : null,
    codec: after.codec ?? null,
  };
  const mos = quality.rttMs === null && lossFraction === null ? null : estimateMos(quality);
  return { ...quality, mos, mark: mos === null ? null : markFor(mos) };
}

/**
 * Packet-loss robustness (Bpl) and impairment (Ie) per codec. G.113 lists G.711 with PLC (Bpl 25.1,
 * Ie 0); Opus is not in G.113: Ie 0 and Bpl 20 are our assumption (its FEC/PLC hides loss at least
 * as well as G.711's PLC at low loss); unknown codecs get a cautious Bpl of 10.
 */
const CODEC_IMPAIRMENT: Record<string, { ie: number; bpl: number }> = {
  opus: { ie: 0, bpl: 20 },
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  g722: { ie: 0, bpl: 20 },
};
const UNKNOWN_CODEC = { ie: 0, bpl: 10 };
/** Codec frame + jitter buffer allowance added to the one-way network delay (ms). */
const CODEC_DELAY_MS = 20;

/**
 * ITU-T G.107 E-model, simplified (default values for everything but delay and loss):
 *   d       = RTT/2 + 2·jitter + 20 ms                        (one-way mouth-to-ear delay)
 *   Id      = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)
 *   Ie,eff  = Ie + (95 − Ie) · Ppl / (Ppl + Bpl)               (Ppl: loss in %, random loss)
 *   R       = 93.2 − Id − Ie,eff
 *   MOS     = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶        (R clamped to 0..100)
 */
export function estimateMos(input: {
  rttMs: number | null;
  jitterMs: number | null;
  lossFraction: number | null;
  codec: string | null;
}): number {
  const d = (input.rttMs ?? 0) / 2 + 2 * (input.jitterMs ?? 0) + CODEC_DELAY_MS;
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const { ie, bpl } = CODEC_IMPAIRMENT[input.codec ?? ''] ?? UNKNOWN_CODEC;
  const ppl = Math.min(100, Math.max(0, (input.lossFraction ?? 0) * 100));
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  const r = Math.min(100, Math.max(0, 93.2 - id - ieEff));
  const mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
  return Math.round(Math.min(4.5, Math.max(1, mos)) * 100) / 100;
}

export const GOOD_MOS = 4.0;
export const FAIR_MOS = 3.1;

export function markFor(mos: number): QualityMark {
  if (mos >= GOOD_MOS) return 'good';
  if (mos >= FAIR_MOS) return 'fair';
  return 'poor';
}
