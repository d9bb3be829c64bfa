/** A microphone level meter: Web Audio AnalyserNode → a level a few times a second. */

/** Root mean square of time-domain samples (−1..1). */
export function rmsOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** RMS of time-domain samples (−1..1) as 0..100, on a square-root scale so speech moves the bar. */
export function levelOf(samples: Float32Array): number {
  return Math.min(100, Math.round(Math.sqrt(rmsOf(samples)) * 100));
}

export interface SampleOptions {
  /** How often `onSamples` is called (ms). */
  everyMs?: number;
  /** Samples per call (the analyser's FFT size, a power of two). */
  fftSize?: number;
}

/** Calls `onSamples` every `everyMs` with the stream's latest time-domain samples; returns stop. */
export function sampleStream(
  ctx: AudioContext,
  stream: MediaStream,
  onSamples: (samples: Float32Array) => void,
  { everyMs = 100, fftSize = 1024 }: SampleOptions = {},
): () => void {
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = fftSize;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onSamples(samples);
  }, everyMs);
  return () => {
    clearInterval(timer);
    source.disconnect();
  };
}

/** Calls `onLevel` every `everyMs` with the stream's current level (0..100); returns stop. */
export function meterLevel(
  ctx: AudioContext,
  stream: MediaStream,
  onLevel: (level: number) => void,
  everyMs = 100,
): () => void {
  return sampleStream(ctx, stream, (samples) => onLevel(levelOf(samples)), { everyMs });
}
