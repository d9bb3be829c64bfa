/** A microphone level meter: Web Audio AnalyserNode → a 0..100 level a few times a second. */

/** RMS of time-domain samples (−1..1) as 0..100, on a square-root scale so speech moves the bar. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  return Math.min(100, Math.round(Math.sqrt(rms) * 100));
}

/** Calls `onLevel` every `everyMs` with the stream's current level; returns stop. */
export function meterLevel(
  ctx: AudioContext,
  stream: MediaStream,
  onLevel: (level: number) => void,
  everyMs = 100,
): () => void {
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(levelOf(samples));
  }, everyMs);
  return () => {
    clearInterval(timer);
    source.disconnect();
  };
}
