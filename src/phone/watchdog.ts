/**
 * Media watchdog for one active call. A call whose other side vanished without a BYE (tab
 * crashed, network gone) otherwise shows "Connected" forever. Every `pollMs` it looks at the
 * peer connection:
 * - ICE `failed` → the call is lost.
 * - ICE `disconnected` for `iceRestartAfterMs` → ask for an ICE restart (once per episode).
 * - No new inbound RTP packets for `timeoutMs` while RTP is expected → the call is lost.
 *   RTP is expected only when we do not hold and some transceiver is negotiated `sendrecv`:
 *   a call we hold, or one the other side holds (they offered sendonly/inactive), or a
 *   one-way call carries no RTP towards us by design.
 */
import type { Clock, Logger, TimerHandle } from './util';

export const DEFAULT_MEDIA_TIMEOUT_MS = 15_000;
export const WATCHDOG_POLL_MS = 1000;
/** ICE `disconnected` this long → ICE restart (Chromium itself gives up after ~30 s). */
export const ICE_RESTART_AFTER_MS = 3000;

/** The parts of RTCPeerConnection the watchdog reads. */
export interface WatchedPeerConnection {
  readonly iceConnectionState: RTCIceConnectionState;
  getTransceivers(): ReadonlyArray<{ readonly currentDirection: RTCRtpTransceiverDirection | null }>;
  getStats(): Promise<{
    forEach(callback: (stats: { type: string; packetsReceived?: number }) => void): void;
  }>;
}

export interface WatchdogDeps {
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  pollMs?: number;
  iceRestartAfterMs?: number;
  peerConnection(): WatchedPeerConnection | null;
  /** We hold the call (no RTP expected). */
  held(): boolean;
  lost(message: string): void;
  restartIce(): void;
}

export function expectsInboundRtp(pc: WatchedPeerConnection): boolean {
  return pc.getTransceivers().some((t) => t.currentDirection === 'sendrecv');
}

export async function inboundPackets(pc: WatchedPeerConnection): Promise<number> {
  const report = await pc.getStats();
  let total = 0;
  report.forEach((stats) => {
    if (stats.type === 'inbound-rtp') total += Number(stats.packetsReceived ?? 0);
  });
  return total;
}

export function noRtpMessage(timeoutMs: number): string {
  return `Connection lost: no audio from the other side for ${Math.round(timeoutMs / 1000)} s`;
}

export const ICE_FAILED_MESSAGE = 'Connection lost: the media connection failed';

export class MediaWatchdog {
  private timer: TimerHandle | null = null;
  private stopped = true;
  private packets = -1;
  private lastProgressAt = 0;
  private disconnectedSince: number | null = null;
  private restartedThisEpisode = false;

  constructor(private readonly deps: WatchdogDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastProgressAt = this.deps.clock.now();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.check().then(
        () => {
          if (!this.stopped) this.schedule();
        },
        (error: unknown) => {
          this.deps.logger.warn('Media watchdog check failed', error);
          if (!this.stopped) this.schedule();
        },
      );
    }, this.deps.pollMs ?? WATCHDOG_POLL_MS);
  }

  private async check(): Promise<void> {
    const pc = this.deps.peerConnection();
    const now = this.deps.clock.now();
    if (!pc) {
      this.lastProgressAt = now;
      return;
    }
    if (pc.iceConnectionState === 'failed') {
      this.lose(ICE_FAILED_MESSAGE);
      return;
    }
    this.watchIce(pc, now);
    if (this.deps.held() || !expectsInboundRtp(pc) || this.deps.timeoutMs <= 0) {
      this.lastProgressAt = now;
      this.packets = -1;
      return;
    }
    const packets = await inboundPackets(pc);
    if (this.stopped) return;
    if (packets !== this.packets) {
      this.packets = packets;
      this.lastProgressAt = this.deps.clock.now();
    } else if (this.deps.clock.now() - this.lastProgressAt >= this.deps.timeoutMs) {
      this.lose(noRtpMessage(this.deps.timeoutMs));
    }
  }

  private watchIce(pc: WatchedPeerConnection, now: number): void {
    if (pc.iceConnectionState !== 'disconnected') {
      this.disconnectedSince = null;
      this.restartedThisEpisode = false;
      return;
    }
    this.disconnectedSince ??= now;
    const after = this.deps.iceRestartAfterMs ?? ICE_RESTART_AFTER_MS;
    if (!this.restartedThisEpisode && now - this.disconnectedSince >= after) {
      this.restartedThisEpisode = true;
      this.deps.restartIce();
    }
  }

  private lose(message: string): void {
    this.stop();
    this.deps.lost(message);
  }
}
