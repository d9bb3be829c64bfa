import type { Ref } from 'react';

/**
 * The call's sound: one <audio> element for the foreground call's remote stream, rendered by the
 * call layer outside the call view, so the other side stays audible while the view is minimised to
 * the call bar, and switching between bar and full view never restarts playback.
 */
export function CallAudio({ ref }: { ref: Ref<HTMLAudioElement> }) {
  return <audio ref={ref} data-testid="remote-audio" autoPlay />;
}
