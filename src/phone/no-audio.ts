/**
 * "No audio" detection from successive {@link QualityCounters} readings of one call: inbound RTP
 * stalled (packetsReceived not rising) or silent (totalAudioEnergy not rising) for 3 s while the
 * call is up and not on hold; outbound silence (the microphone's media-source energy) for 3 s while
 * not muted. Readings carry their own timestamps, so the detector needs no clock.
 */
import { delta, type QualityCounters } from './call-quality';

export const NO_AUDIO_MS = 3000;
/** Mean audio power (level²) below this counts as silence: a level of 0.001, about −60 dBFS. */
const SILENT_POWER = 1e-6;

export interface AudioWatch {
  /** The previous reading. */
  readonly last: QualityCounters | null;
  /** When audio was last seen arriving / leaving (reading timestamps, ms). */
  readonly heardAt: number | null;
  readonly spokeAt: number | null;
}

export interface AudioAlarms {
  /** Nothing (or only silence) arrived from the other side for {@link NO_AUDIO_MS}. */
  readonly noInbound: boolean;
  /** Our microphone gave only silence for {@link NO_AUDIO_MS} while not muted. */
  readonly micSilent: boolean;
}

export const NO_ALARMS: AudioAlarms = { noInbound: false, micSilent: false };
export const START_WATCH: AudioWatch = { last: null, heardAt: null, spokeAt: null };

/** Silent over the interval; unknown (counters missing or reset) is not silent: no false alarm. */
function silentBetween(
  energy: [number | undefined, number | undefined],
  duration: [number | undefined, number | undefined],
): boolean {
  const gained = delta(energy[0], energy[1]);
  const seconds = delta(duration[0], duration[1]);
  if (gained === null || seconds === null) return false;
  // No samples played at all is silence too.
  return seconds === 0 || gained / seconds < SILENT_POWER;
}

function inboundFlowing(before: QualityCounters, after: QualityCounters): boolean {
  const packets = delta(before.packetsReceived, after.packetsReceived);
  if (packets === null) return true;
  if (packets === 0) return false;
  return !silentBetween([before.inEnergy, after.inEnergy], [before.inDuration, after.inDuration]);
}

function outboundAudible(before: QualityCounters, after: QualityCounters): boolean {
  return !silentBetween([before.outEnergy, after.outEnergy], [before.outDuration, after.outDuration]);
}

/** Folds one reading into the watch; `held`/`muted` are the call's state at the time of the reading. */
export function watchAudio(
  watch: AudioWatch,
  next: QualityCounters,
  call: { held: boolean; muted: boolean },
  limitMs = NO_AUDIO_MS,
): { watch: AudioWatch; alarms: AudioAlarms } {
  const before = watch.last;
  // On hold nothing flows by design; the clocks restart when the call resumes.
  if (!before || call.held || next.at < before.at) {
    return { watch: { last: next, heardAt: next.at, spokeAt: next.at }, alarms: NO_ALARMS };
  }
  const heardAt = inboundFlowing(before, next) ? next.at : (watch.heardAt ?? before.at);
  const spokeAt = call.muted || outboundAudible(before, next) ? next.at : (watch.spokeAt ?? before.at);
  return {
    watch: { last: next, heardAt, spokeAt },
    alarms: { noInbound: next.at - heardAt >= limitMs, micSilent: next.at - spokeAt >= limitMs },
  };
}
