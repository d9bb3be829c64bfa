import { useEffect } from 'react';
import { unlockAudioOnFirstGesture } from '../lib/audio-context';
import { takeAnswerParam } from '../lib/push-answer-url';
import { phoneBridge } from '../stores/phone-bridge-instance';

let started = false;

/** Once per page: load settings (auto sign-in) and arm audio unlocking on the first gesture. */
export function useAppStartup(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    // Opened by Answer on a pushed call: answer that held INVITE when it arrives (src/sw/push.ts).
    const answer = takeAnswerParam(window.location, window.history);
    if (answer) phoneBridge.answerWhenItArrives(answer);
    unlockAudioOnFirstGesture();
    void phoneBridge.init();
  }, []);
}
