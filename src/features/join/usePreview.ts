import { useEffect } from 'react';
import { mediaPreview } from '../../stores/join-page-instance';
import type { MediaPreviewState } from '../../stores/media-preview';

export interface PreviewView extends MediaPreviewState {
  /** The open stream for the level meter; null while there is none. */
  stream: MediaStream | null;
  /** Ref callback for the preview's video element. */
  attach(element: HTMLMediaElement | null): void;
}

/** Runs the page's camera + microphone preview for the chosen devices while mounted; `attempt` retries. */
export function usePreview(audioId: string, videoId: string, attempt: number): PreviewView {
  const state = mediaPreview.store();
  useEffect(() => {
    mediaPreview.start({ audioId, videoId });
    return () => mediaPreview.stop();
  }, [audioId, videoId, attempt]);
  return { ...state, stream: state.live ? mediaPreview.stream() : null, attach: mediaPreview.attach };
}
