import { useEffect, useState, type RefObject } from 'react';

/**
 * Attach a stream to a media element and start playback. The element is re-attached whenever
 * the stream's set of tracks changes: Chromium never starts playing an audio track that was
 * added to a MediaStream after it was assigned to `srcObject` (readyState stays 0), and the
 * engine's remote stream gains its tracks only once the call connects.
 *
 * Returns true when the browser blocked autoplay (no user gesture yet), so the UI can offer a
 * button that calls `play()`.
 */
export function useMediaStream(ref: RefObject<HTMLMediaElement | null>, stream: MediaStream | null): boolean {
  const [blocked, setBlocked] = useState(false);
  const trackKey = stream
    ? stream
        .getTracks()
        .map((track) => track.id)
        .join(',')
    : '';

  useEffect(() => {
    const element = ref.current;
    if (!element || !('srcObject' in element)) return;
    let cancelled = false;

    const attach = () => {
      element.srcObject = null;
      element.srcObject = stream;
      if (!stream || stream.getTracks().length === 0) return;
      element.play()?.then(
        () => !cancelled && setBlocked(false),
        (error: unknown) => {
          if (!cancelled && error instanceof Error && error.name === 'NotAllowedError') setBlocked(true);
        },
      );
    };

    attach();
    stream?.addEventListener('addtrack', attach);
    stream?.addEventListener('removetrack', attach);
    return () => {
      cancelled = true;
      stream?.removeEventListener('addtrack', attach);
      stream?.removeEventListener('removetrack', attach);
    };
  }, [ref, stream, trackKey]);

  return blocked;
}
