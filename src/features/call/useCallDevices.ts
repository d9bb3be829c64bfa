import { useEffect, type RefObject } from 'react';
import { phoneBridge } from '../../stores/phone-bridge-instance';

type SinkElement = HTMLMediaElement & { sinkId?: string; setSinkId?: (sinkId: string) => Promise<void> };

/**
 * Plays the element on this output device ('' : the default), where `setSinkId` exists. Only a change
 * is applied: in Chromium `setSinkId` holds the main thread while it asks for the device (~180–240 ms
 * in a headless Chromium, inside the first paint when it ran at start-up for every visitor, issue 10),
 * and an element that already plays on that device gains nothing from it.
 */
export function useSinkId(ref: RefObject<HTMLMediaElement | null>, sinkId: string | undefined): void {
  useEffect(() => {
    const element = ref.current as SinkElement | null;
    const wanted = sinkId ?? '';
    if (!element?.setSinkId || element.sinkId === wanted) return;
    element.setSinkId(wanted).catch(() => {
      // Unplugged between the choice and now: the devicechange handler falls back to the default.
    });
  }, [ref, sinkId]);
}

/** Polls the call's quality while it is up (the call-quality store holds the results). */
export function useQualityWatch(callId: string | null, up: boolean): void {
  useEffect(() => (callId && up ? phoneBridge.watchQuality(callId) : undefined), [callId, up]);
}
