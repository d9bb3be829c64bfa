import { routeToSink } from './audio-sink';

/** A short 440 Hz tone on the chosen output ("Play test sound"); resolves when it has finished. */
export function playTestTone(ctx: AudioContext, sinkId: string | undefined, seconds = 1): Promise<void> {
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const route = routeToSink(ctx, sinkId);
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 440;
  const t = ctx.currentTime + 0.02;
  gain.gain.setValueAtTime(0, t);
  gain.gain.linearRampToValueAtTime(0.2, t + 0.05);
  gain.gain.setValueAtTime(0.2, t + seconds - 0.05);
  gain.gain.linearRampToValueAtTime(0, t + seconds);
  osc.connect(gain).connect(route.input);
  osc.start(t);
  osc.stop(t + seconds);
  return new Promise((resolve) => {
    osc.onended = () => {
      osc.disconnect();
      route.close();
      resolve();
    };
  });
}
