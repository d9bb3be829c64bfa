/**
 * Test-side instrumentation, injected before the app loads: remembers every RTCPeerConnection the page
 * creates so tests can read getStats() — the product itself exposes nothing for tests.
 */
import type { Page } from '@playwright/test';

export interface MediaSample {
  /** Summed over the page's live peer connections. */
  audio: { packetsReceived: number; packetsSent: number; totalAudioEnergy: number; audioLevel: number };
  video: { packetsReceived: number; packetsSent: number; framesDecoded: number };
  /** Candidate types of the selected pairs, e.g. `host/host`, `relay/host`. */
  candidatePairs: string[];
  /** Distinct types of the page's local candidates (`host`, `srflx`, `relay`): no `relay` = no TURN allocation. */
  localCandidateTypes: string[];
  livePeerConnections: number;
}

export async function installRtcProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = [];
    (window as unknown as { __rtcProbe: RTCPeerConnection[] }).__rtcProbe = seen;
    class Probed extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    }
    window.RTCPeerConnection = Probed;
    // Record RFC 4733 tones handed to the browser's DTMF sender.
    const inserted: string[] = [];
    (window as unknown as { __dtmfProbe: string[] }).__dtmfProbe = inserted;
    const nativeInsert = RTCDTMFSender.prototype.insertDTMF;
    RTCDTMFSender.prototype.insertDTMF = function (tones: string, duration?: number, gap?: number) {
      inserted.push(tones);
      return nativeInsert.call(this, tones, duration, gap);
    };
  });
}

export async function sampleMedia(page: Page): Promise<MediaSample> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __rtcProbe?: RTCPeerConnection[] }).__rtcProbe ?? [];
    const out = {
      audio: { packetsReceived: 0, packetsSent: 0, totalAudioEnergy: 0, audioLevel: 0 },
      video: { packetsReceived: 0, packetsSent: 0, framesDecoded: 0 },
      candidatePairs: [] as string[],
      localCandidateTypes: [] as string[],
      livePeerConnections: 0,
    };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed' || pc.signalingState === 'closed') continue;
      out.livePeerConnections++;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
      stats.forEach((s: Record<string, unknown>) => {
        const kind = s.kind as string | undefined;
        if (s.type === 'inbound-rtp' && kind === 'audio') {
          out.audio.packetsReceived += Number(s.packetsReceived ?? 0);
          out.audio.totalAudioEnergy += Number(s.totalAudioEnergy ?? 0);
          out.audio.audioLevel = Math.max(out.audio.audioLevel, Number(s.audioLevel ?? 0));
        } else if (s.type === 'inbound-rtp' && kind === 'video') {
          out.video.packetsReceived += Number(s.packetsReceived ?? 0);
          out.video.framesDecoded += Number(s.framesDecoded ?? 0);
        } else if (s.type === 'outbound-rtp' && kind === 'audio') {
          out.audio.packetsSent += Number(s.packetsSent ?? 0);
        } else if (s.type === 'outbound-rtp' && kind === 'video') {
          out.video.packetsSent += Number(s.packetsSent ?? 0);
        } else if (s.type === 'local-candidate') {
          const type = String(s.candidateType);
          if (!out.localCandidateTypes.includes(type)) out.localCandidateTypes.push(type);
        }
      });
      // The pair media flows on is the transport's selected pair. The controlled side sees media on it
      // before the pair is flagged `nominated` (that flag arrived late and made a relay spec flaky).
      stats.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId as string);
        const local = pair && byId.get(pair.localCandidateId as string);
        const remote = pair && byId.get(pair.remoteCandidateId as string);
        if (pair) out.candidatePairs.push(`${local?.candidateType}/${remote?.candidateType}`);
      });
    }
    return out;
  });
}

/**
 * Every peer connection the page made, one line each, for a failure message: states, each
 * transceiver's mid, directions and sender track, and RTP counts. Says where media stopped (no track on
 * the sender, ICE not connected, a connection nobody uses) when a test finds none arriving.
 */
export async function describePeerConnections(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __rtcProbe?: RTCPeerConnection[] }).__rtcProbe ?? [];
    const lines: string[] = [];
    for (const [i, pc] of pcs.entries()) {
      const counts: string[] = [];
      if (pc.signalingState !== 'closed') {
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp') counts.push(`in ${String(s.kind)} ${String(s.packetsReceived)}`);
          if (s.type === 'outbound-rtp') counts.push(`out ${String(s.kind)} ${String(s.packetsSent)}`);
        });
      }
      const transceivers = pc.getTransceivers().map((t) => {
        const track = t.sender.track;
        const sender = track
          ? `${track.kind} ${track.readyState}${track.enabled ? '' : ' disabled'}`
          : 'no track';
        return `mid ${String(t.mid)} ${t.direction}/${String(t.currentDirection)} sender ${sender}`;
      });
      lines.push(
        `pc${i}: ${pc.connectionState}, ice ${pc.iceConnectionState}, signaling ${pc.signalingState}; ` +
          `${transceivers.join('; ') || 'no transceivers'}; ${counts.join(', ') || 'no RTP stats'}`,
      );
    }
    return lines.join('\n') || 'no peer connections';
  });
}

/** Difference between two samples taken `ms` apart. */
export async function mediaDelta(
  page: Page,
  ms = 1500,
): Promise<{ before: MediaSample; after: MediaSample }> {
  const before = await sampleMedia(page);
  await page.waitForTimeout(ms);
  const after = await sampleMedia(page);
  return { before, after };
}

/** Tones the page passed to RTCDTMFSender.insertDTMF (RFC 4733 in-band events). */
export async function insertedDtmf(page: Page): Promise<string> {
  return page.evaluate(() => ((window as unknown as { __dtmfProbe?: string[] }).__dtmfProbe ?? []).join(''));
}
