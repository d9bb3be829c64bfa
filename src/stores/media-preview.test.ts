import { describe, expect, it, vi } from 'vitest';
import { createMediaPreview, type PreviewMediaDevices } from './media-preview';

function fakeStream() {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const DEVICES = [
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in mic' },
  { kind: 'videoinput', deviceId: 'cam-1', label: 'Front camera' },
  { kind: 'audiooutput', deviceId: 'spk-1', label: 'Speakers' },
] as MediaDeviceInfo[];

function fakeMedia(
  open: () => Promise<MediaStream>,
): PreviewMediaDevices & { getUserMedia: ReturnType<typeof vi.fn> } {
  return {
    getUserMedia: vi.fn(open),
    enumerateDevices: () => Promise.resolve(DEVICES),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('media preview', () => {
  it('asks for the microphone only when the camera is not wanted (audio-only link, camera off)', async () => {
    const { stream } = fakeStream();
    const media = fakeMedia(() => Promise.resolve(stream));
    const preview = createMediaPreview(media);
    preview.start({ audioId: '', videoId: 'cam-1', video: false });
    await settle();
    expect(media.getUserMedia).toHaveBeenLastCalledWith({ audio: true, video: false });
    preview.start({ audioId: '', videoId: '', video: true });
    await settle();
    expect(media.getUserMedia).toHaveBeenLastCalledWith({
      audio: true,
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  });

  it('opens the chosen devices, lists inputs as plain data and shows the stream on the attached element', async () => {
    const { stream } = fakeStream();
    const media = fakeMedia(() => Promise.resolve(stream));
    const preview = createMediaPreview(media);
    const video = { muted: false, srcObject: null, play: vi.fn(() => Promise.resolve()) };
    preview.attach(video as unknown as HTMLMediaElement);
    preview.start({ audioId: 'mic-1', videoId: '' });
    await settle();
    expect(media.getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({ audio: { deviceId: { exact: 'mic-1' } } }),
    );
    expect(preview.store.getState()).toEqual({
      live: true,
      error: null,
      devices: {
        audio: [{ id: 'mic-1', label: 'Built-in mic' }],
        video: [{ id: 'cam-1', label: 'Front camera' }],
      },
    });
    expect(preview.stream()).toBe(stream);
    expect(video.srcObject).toBe(stream);
    expect(video.muted).toBe(true);
  });

  it('classifies a refusal in the rooms wording (permission-denied)', async () => {
    const preview = createMediaPreview(
      fakeMedia(() => Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' }))),
    );
    preview.start({ audioId: '', videoId: '' });
    await settle();
    expect(preview.store.getState().error).toEqual({
      code: 'permission-denied',
      message: 'Microphone or camera access is blocked.',
    });
    expect(preview.store.getState().live).toBe(false);
  });

  it('reports unsupported where the browser has no mediaDevices', () => {
    const preview = createMediaPreview(undefined);
    preview.start({ audioId: '', videoId: '' });
    expect(preview.store.getState().error?.code).toBe('unsupported');
  });

  it('a newer start wins: the stream that arrives late for an older choice is stopped at once', async () => {
    const first = deferred<MediaStream>();
    const older = fakeStream();
    const newer = fakeStream();
    const opens = [first.promise, Promise.resolve(newer.stream)];
    const preview = createMediaPreview(fakeMedia(() => opens.shift() ?? Promise.reject(new Error('extra'))));
    preview.start({ audioId: '', videoId: 'cam-1' });
    preview.start({ audioId: '', videoId: '' });
    await settle();
    first.resolve(older.stream);
    await settle();
    expect(older.track.stop).toHaveBeenCalled();
    expect(preview.stream()).toBe(newer.stream);
    expect(newer.track.stop).not.toHaveBeenCalled();
  });

  it('stop() ends the tracks and detaches the stream', async () => {
    const { stream, track } = fakeStream();
    const preview = createMediaPreview(fakeMedia(() => Promise.resolve(stream)));
    preview.start({ audioId: '', videoId: '' });
    await settle();
    preview.stop();
    expect(track.stop).toHaveBeenCalled();
    expect(preview.stream()).toBeNull();
    expect(preview.store.getState().live).toBe(false);
  });
});
