/**
 * Web Audio plays on the system's default output; to play a generated sound (ringtone, test tone)
 * on a chosen output it goes through a MediaStream into an `<audio>` element with `setSinkId`.
 */
type SinkElement = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

export interface SinkRoute {
  /** Connect sources here. */
  readonly input: AudioNode;
  close(): void;
}

/**
 * Routes `ctx` audio to `sinkId` (a device id; '' or undefined: the default output). Without a
 * sink id, or without `setSinkId`, the sound goes straight to the context's destination.
 */
export function routeToSink(ctx: AudioContext, sinkId: string | undefined): SinkRoute {
  const gain = ctx.createGain();
  const element: SinkElement | null =
    sinkId && typeof Audio !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype ? new Audio() : null;
  if (!element?.setSinkId || !sinkId) {
    gain.connect(ctx.destination);
    return { input: gain, close: () => gain.disconnect() };
  }
  const destination = ctx.createMediaStreamDestination();
  gain.connect(destination);
  element.srcObject = destination.stream;
  void element
    .setSinkId(sinkId)
    .catch(() => undefined)
    .then(() => element.play())
    .catch(() => undefined);
  return {
    input: gain,
    close() {
      gain.disconnect();
      element.pause();
      element.srcObject = null;
    },
  };
}
