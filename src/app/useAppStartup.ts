import { useEffect } from 'react';
import { unlockAudioOnFirstGesture } from '../lib/audio-context';
import { phoneBridge } from '../stores/phone-bridge-instance';

let started = false;

/** Once per page: load settings (auto sign-in) and arm audio unlocking on the first gesture. */
export function useAppStartup(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    unlockAudioOnFirstGesture();
    void phoneBridge.init();
  }, []);
}
