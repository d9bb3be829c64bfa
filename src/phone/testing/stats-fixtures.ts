/**
 * RTCStatsReport fixtures shaped like Chromium's (field names and nesting as `getStats()` returns
 * them for an audio call over one transport), with the counters a test wants to vary.
 */
export interface StatsFixture {
  at: number;
  packetsReceived?: number;
  packetsLost?: number;
  bytesReceived?: number;
  bytesSent?: number;
  inEnergy?: number;
  inDuration?: number;
  outEnergy?: number;
  outDuration?: number;
  /** Seconds, as in the stats. */
  rtt?: number;
  pairRtt?: number;
  jitter?: number;
  mimeType?: string;
}

export function statsReport(f: StatsFixture): Map<string, Record<string, unknown>> {
  const entries: Record<string, unknown>[] = [
    {
      id: 'IT01A1234',
      type: 'inbound-rtp',
      kind: 'audio',
      mediaType: 'audio',
      timestamp: f.at,
      ssrc: 1234,
      codecId: 'CIT01_111_minptime=10;useinbandfec=1',
      transportId: 'T01',
      packetsReceived: f.packetsReceived,
      packetsLost: f.packetsLost,
      bytesReceived: f.bytesReceived,
      jitter: f.jitter,
      totalAudioEnergy: f.inEnergy,
      totalSamplesDuration: f.inDuration,
      audioLevel: 0.01,
    },
    {
      id: 'OT01A5678',
      type: 'outbound-rtp',
      kind: 'audio',
      timestamp: f.at,
      ssrc: 5678,
      codecId: 'COT01_111_minptime=10;useinbandfec=1',
      mediaSourceId: 'SA1',
      packetsSent: 100,
      bytesSent: f.bytesSent,
    },
    {
      id: 'SA1',
      type: 'media-source',
      kind: 'audio',
      timestamp: f.at,
      trackIdentifier: 'mic',
      audioLevel: 0,
      totalAudioEnergy: f.outEnergy,
      totalSamplesDuration: f.outDuration,
    },
    {
      id: 'CIT01_111_minptime=10;useinbandfec=1',
      type: 'codec',
      timestamp: f.at,
      payloadType: 111,
      mimeType: f.mimeType ?? 'audio/opus',
      clockRate: 48000,
      channels: 2,
    },
    {
      id: 'T01',
      type: 'transport',
      timestamp: f.at,
      selectedCandidatePairId: 'CPabc_def',
      dtlsState: 'connected',
    },
    {
      id: 'CPabc_def',
      type: 'candidate-pair',
      timestamp: f.at,
      state: 'succeeded',
      nominated: true,
      currentRoundTripTime: f.pairRtt,
    },
  ];
  if (f.rtt !== undefined) {
    entries.push({
      id: 'RIA5678',
      type: 'remote-inbound-rtp',
      kind: 'audio',
      timestamp: f.at,
      roundTripTime: f.rtt,
      fractionLost: 0,
    });
  }
  // Chromium omits a member it has no value for rather than reporting undefined.
  const clean = entries.map((entry) =>
    Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)),
  );
  return new Map(clean.map((entry) => [entry.id as string, entry]));
}
