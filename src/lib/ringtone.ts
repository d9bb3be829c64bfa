import { getAudioContext } from './audio-context';
import { routeToSink, type SinkRoute } from './audio-sink';

/**
 * A generated ringtone (two-tone 440 + 480 Hz, 2 s on / 4 s off, as on North American
 * lines), so nothing needs downloading. Also vibrates where supported.
 */
export interface Ringtone {
  /** `sinkId`: the ringing device (HTMLMediaElement.setSinkId); absent: the default output. */
  start(sinkId?: string): void;
  stop(): void;
}

const ON_S = 2;
const PERIOD_S = 6;
const FREQUENCIES = [440, 480];
const VOLUME = 0.12;

export function createRingtone(getContext: () => AudioContext | null = getAudioContext): Ringtone {
  let nodes: { oscillators: OscillatorNode[]; gain: GainNode; route: SinkRoute } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const scheduleBurst = (ctx: AudioContext, gain: GainNode) => {
    const t = ctx.currentTime + 0.02;
    gain.gain.cancelScheduledValues(t);
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(VOLUME, t + 0.03);
    gain.gain.setValueAtTime(VOLUME, t + ON_S - 0.03);
    gain.gain.linearRampToValueAtTime(0, t + ON_S);
  };

  const vibrate = () => {
    if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') {
      navigator.vibrate([ON_S * 1000]);
    }
  };

  return {
    start(sinkId) {
      if (timer !== null) return;
      const ctx = getContext();
      if (ctx) {
        if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
        const gain = ctx.createGain();
        gain.gain.value = 0;
        const route = routeToSink(ctx, sinkId);
        gain.connect(route.input);
        const oscillators = FREQUENCIES.map((frequency) => {
          const osc = ctx.createOscillator();
          osc.type = 'sine';
          osc.frequency.value = frequency;
          osc.connect(gain);
          osc.start();
          return osc;
        });
        nodes = { oscillators, gain, route };
        scheduleBurst(ctx, gain);
      }
      vibrate();
      timer = setInterval(() => {
        if (ctx && nodes) scheduleBurst(ctx, nodes.gain);
        vibrate();
      }, PERIOD_S * 1000);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (nodes) {
        for (const osc of nodes.oscillators) {
          try {
            osc.stop();
          } catch {
            // already stopped
          }
          osc.disconnect();
        }
        nodes.gain.disconnect();
        nodes.route.close();
        nodes = null;
      }
      if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(0);
    },
  };
}
