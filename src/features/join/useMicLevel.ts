import { useEffect, useState } from 'react';

/** Microphone level 0–1 of a stream (RMS, smoothed), updated about 15 times a second. */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track || typeof AudioContext === 'undefined') return;
    let stop: (() => void) | null = null;
    // An AudioContext takes a phone's main thread for tens of ms to start: in a task of its own, not with
    // the other effects of the commit that brought the camera's stream (docs/performance.md, session 28).
    const starting = setTimeout(() => {
      const context = new AudioContext();
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let smoothed = 0;
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const v of samples) sum += v * v;
        const rms = Math.sqrt(sum / samples.length);
        smoothed = Math.max(Math.min(1, rms * 4), smoothed * 0.8);
        setLevel(Math.round(smoothed * 100) / 100);
      }, 66);
      void context.resume().catch(() => undefined);
      stop = () => {
        clearInterval(timer);
        source.disconnect();
        void context.close().catch(() => undefined);
      };
    }, 0);
    return () => {
      clearTimeout(starting);
      stop?.();
      setLevel(0);
    };
  }, [stream]);
  return level;
}
