/**
 * The camera + microphone preview of the customer's join page. Like the room bridge, it owns the live
 * object (the MediaStream) in this closure, keeps only serialisable state in the store, and hands the
 * stream to a video element with `attach`. Failures are classified with the rooms port's error model
 * (webcall/rooms.ts `mediaError`), so the preview and the room describe a failure in the same words.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { mediaError, type RoomErrorCode } from '../webcall/rooms';

/** The part of `navigator.mediaDevices` the preview uses; undefined where the browser has none. */
export type PreviewMediaDevices = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;

export interface PreviewDevice {
  id: string;
  label: string;
}

export interface MediaPreviewState {
  /** A stream is open (attached elements show it). */
  live: boolean;
  error: { code: RoomErrorCode; message: string } | null;
  devices: { audio: PreviewDevice[]; video: PreviewDevice[] };
}

export interface DeviceChoice {
  /** Empty: the browser's default. */
  audioId: string;
  videoId: string;
  /** Open the camera too; false (audio-only link, camera switched off) asks for the microphone only. */
  video?: boolean;
}

export interface MediaPreview {
  store: UseBoundStore<StoreApi<MediaPreviewState>>;
  /** Opens the chosen devices, stopping the previous stream; a later start wins over an earlier one. */
  start(choice: DeviceChoice): void;
  /** Stops the tracks; an open still under way is stopped when it arrives. */
  stop(): void;
  /** The element that shows the preview (muted); null detaches. */
  attach(element: HTMLMediaElement | null): void;
  /** The open stream, for a level meter; null while there is none. */
  stream(): MediaStream | null;
}

const IDLE: MediaPreviewState = { live: false, error: null, devices: { audio: [], video: [] } };

export function createMediaPreview(media: PreviewMediaDevices | undefined): MediaPreview {
  const store = create<MediaPreviewState>(() => IDLE);
  let current: MediaStream | null = null;
  let element: HTMLMediaElement | null = null;
  let generation = 0;

  const show = () => {
    if (!element) return;
    element.muted = true;
    element.srcObject = current;
    if (current) void element.play().catch(() => undefined);
  };

  const release = () => {
    current?.getTracks().forEach((t) => t.stop());
    current = null;
    show();
  };

  const open = async (choice: DeviceChoice, mine: number): Promise<void> => {
    if (!media?.getUserMedia) {
      store.setState({
        live: false,
        error: { code: 'unsupported', message: 'No camera access in this browser.' },
      });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({
        audio: choice.audioId ? { deviceId: { exact: choice.audioId } } : true,
        video:
          choice.video === false
            ? false
            : choice.videoId
              ? { deviceId: { exact: choice.videoId } }
              : { width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (error) {
      if (mine !== generation) return;
      const failure = mediaError(error);
      store.setState({ live: false, error: { code: failure.code, message: failure.message } });
      return;
    }
    if (mine !== generation) return stream.getTracks().forEach((t) => t.stop());
    current = stream;
    show();
    const all = await media.enumerateDevices().catch(() => []);
    if (mine !== generation) return;
    const of = (kind: MediaDeviceKind): PreviewDevice[] =>
      all.filter((d) => d.kind === kind).map((d) => ({ id: d.deviceId, label: d.label }));
    store.setState({
      live: true,
      error: null,
      devices: { audio: of('audioinput'), video: of('videoinput') },
    });
  };

  return {
    store,
    start(choice) {
      const mine = ++generation;
      release();
      store.setState({ live: false, error: null });
      void open(choice, mine);
    },
    stop() {
      generation++;
      release();
      store.setState({ live: false });
    },
    attach(next) {
      element = next;
      show();
    },
    stream: () => current,
  };
}
