import { useEffect } from 'react';
import { mediaPreview } from '../../stores/join-page-instance';
import type { MediaPreviewState } from '../../stores/media-preview';

export interface PreviewView extends MediaPreviewState {
  /** The open stream for the level meter; null while there is none. */
  stream: MediaStream | null;
  /** Ref callback for the preview's video element. */
  attach(element: HTMLMediaElement | null): void;
}

/**
 * Runs the page's camera + microphone preview for the chosen devices while mounted; `attempt` retries.
 * With `video` false (an audio-only link, or the camera switched off) only the microphone is opened.
 */
export function usePreview(audioId: string, videoId: string, video: boolean, attempt: number): PreviewView {
  const state = mediaPreview.store();
  useEffect(() => {
    mediaPreview.start({ audioId, videoId, video });
    return () => mediaPreview.stop();
  }, [audioId, videoId, video, attempt]);
  return { ...state, stream: state.live ? mediaPreview.stream() : null, attach: mediaPreview.attach };
}
