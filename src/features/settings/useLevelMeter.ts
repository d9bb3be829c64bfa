import { useEffect, useState } from 'react';
import { getAudioContext } from '../../lib/audio-context';
import { meterLevel } from '../../lib/level-meter';
import { phoneBridge } from '../../stores/phone-bridge-instance';

/** While `on`: the level (0..100) of the microphone in use; an error sentence if it cannot open. */
export function useLevelMeter(on: boolean, microphone: string | undefined) {
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let stop = () => {};
    let stream: MediaStream | null = null;
    phoneBridge.devices.openMicrophone().then(
      (opened) => {
        stream = opened;
        const ctx = getAudioContext();
        if (stopped || !ctx) return;
        void ctx.resume().catch(() => undefined);
        stop = meterLevel(ctx, opened, setLevel);
        setError(null);
      },
      (e: unknown) => !stopped && setError(`Could not open the microphone: ${String(e)}`),
    );
    return () => {
      stopped = true;
      stop();
      for (const track of stream?.getTracks() ?? []) track.stop();
      setLevel(0);
    };
  }, [on, microphone]);

  return { level, error };
}
