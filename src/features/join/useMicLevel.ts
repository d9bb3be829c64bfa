import { useEffect, useState } from 'react';
import { rmsOf, sampleStream } from '../../lib/level-meter';

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
      let smoothed = 0;
      const stopSampling = sampleStream(
        context,
        new MediaStream([track]),
        (samples) => {
          // Louder than Settings' square-root scale: a customer checks that the bar moves, not its level.
          smoothed = Math.max(Math.min(1, rmsOf(samples) * 4), smoothed * 0.8);
          setLevel(Math.round(smoothed * 100) / 100);
        },
        { everyMs: 66, fftSize: 512 },
      );
      void context.resume().catch(() => undefined);
      stop = () => {
        stopSampling();
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
