import { useEffect, type RefObject } from 'react';
import { phoneBridge } from '../../stores/phone-bridge-instance';

type SinkElement = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Plays the element on this output device ('' : the default), where `setSinkId` exists. */
export function useSinkId(ref: RefObject<HTMLMediaElement | null>, sinkId: string | undefined): void {
  useEffect(() => {
    const element = ref.current as SinkElement | null;
    if (!element?.setSinkId) return;
    element.setSinkId(sinkId ?? '').catch(() => {
      // Unplugged between the choice and now: the devicechange handler falls back to the default.
    });
  }, [ref, sinkId]);
}

/** Polls the call's quality while it is up (the call-quality store holds the results). */
export function useQualityWatch(callId: string | null, up: boolean): void {
  useEffect(() => (callId && up ? phoneBridge.watchQuality(callId) : undefined), [callId, up]);
}
