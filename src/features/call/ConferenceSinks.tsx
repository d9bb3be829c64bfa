import { useEffect, useRef } from 'react';

/**
 * Chromium decodes a remote WebRTC audio track only while a media element plays it: fed to Web Audio
 * alone (the conference mix) it stays silent. Each conference call's remote stream therefore also
 * plays in a muted element; what the user hears is still the one call-audio element (the mix).
 */
function Sink({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = stream;
    element.play()?.catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [stream]);
  return <audio ref={ref} muted autoPlay hidden data-testid="conference-sink" />;
}

export function ConferenceSinks({ streams }: { streams: (MediaStream | null | undefined)[] }) {
  return <>{streams.map((stream, index) => (stream ? <Sink key={index} stream={stream} /> : null))}</>;
}
