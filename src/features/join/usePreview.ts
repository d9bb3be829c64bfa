import { useEffect, useState } from 'react';
import { mediaError, RoomError } from '../../stores/webcall-join';

export interface PreviewState {
  stream: MediaStream | null;
  error: RoomError | null;
  devices: { audio: MediaDeviceInfo[]; video: MediaDeviceInfo[] };
}

/** Camera + microphone preview for the chosen devices; stops its tracks when replaced or unmounted. */
export function usePreview(audioId: string, videoId: string, attempt: number): PreviewState {
  const [state, setState] = useState<PreviewState>({
    stream: null,
    error: null,
    devices: { audio: [], video: [] },
  });

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setState((s) => ({
        ...s,
        stream: null,
        error: new RoomError('unsupported', 'No camera access in this browser.'),
      }));
      return;
    }
    media
      .getUserMedia({
        audio: audioId ? { deviceId: { exact: audioId } } : true,
        video: videoId
          ? { deviceId: { exact: videoId } }
          : { width: { ideal: 1280 }, height: { ideal: 720 } },
      })
      .then(async (s) => {
        stream = s;
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        const all = await media.enumerateDevices().catch(() => []);
        if (cancelled) return;
        setState({
          stream: s,
          error: null,
          devices: {
            audio: all.filter((d) => d.kind === 'audioinput'),
            video: all.filter((d) => d.kind === 'videoinput'),
          },
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState((st) => ({ ...st, stream: null, error: mediaError(error) }));
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [audioId, videoId, attempt]);

  return state;
}
