import { beforeEach, describe, expect, it } from 'vitest';
import { createDeviceService, DEVICE_CHOICES_KEY, useDevices, type DeviceMedia } from './devices';

type Info = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>;
const mic = (deviceId: string, label: string): Info => ({ kind: 'audioinput', deviceId, label });
const out = (deviceId: string, label: string): Info => ({ kind: 'audiooutput', deviceId, label });

/** navigator.mediaDevices with a device list the test plugs and unplugs. */
class FakeMediaDevices extends EventTarget {
  devices: Info[] = [
    mic('builtin', 'Built-in Microphone'),
    mic('usb-1', 'Headset'),
    out('hs-out', 'Headset'),
  ];
  opened: MediaStreamConstraints[] = [];
  enumerateDevices = () => Promise.resolve(this.devices as MediaDeviceInfo[]);
  getUserMedia = (constraints?: MediaStreamConstraints) => {
    this.opened.push(constraints ?? {});
    return Promise.resolve({ getTracks: () => [] } as unknown as MediaStream);
  };
  async change(devices: Info[]) {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function setup(saved: object | string = {}) {
  const media = new FakeMediaDevices();
  const stored = new Map([[DEVICE_CHOICES_KEY, typeof saved === 'string' ? saved : JSON.stringify(saved)]]);
  const storage = {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => stored.set(k, v),
  };
  const switched: [string, string | undefined][] = [];
  let inCall = false;
  const service = createDeviceService({
    media: media as unknown as DeviceMedia,
    storage,
    useInputDevice: (kind, id) => {
      switched.push([kind, id]);
      return Promise.resolve();
    },
    inCall: () => inCall,
  });
  return { media, stored, switched, service, setInCall: (v: boolean) => (inCall = v) };
}

beforeEach(() => useDevices.setState(useDevices.getInitialState(), true));

describe('device service', () => {
  it('matches a saved choice whose id changed by its label, and tells the engine', async () => {
    const { service, switched } = setup({ microphone: { id: 'old-id', label: 'Headset' } });
    await service.start();
    expect(useDevices.getState().inUse.microphone).toBe('usb-1');
    expect(switched).toEqual([['audio', 'usb-1']]);
    expect(service.inputIds()).toEqual({ audioInputId: 'usb-1', videoInputId: undefined });
  });

  it('ignores a corrupt saved value', async () => {
    const { service } = setup('{"microphone": 42');
    await service.start();
    expect(useDevices.getState().choices).toEqual({});
  });

  it('remembers a choice and applies it at once', async () => {
    const { service, stored, switched } = setup();
    await service.start();
    await service.choose('speaker', 'hs-out');
    await service.choose('microphone', 'builtin');
    expect(JSON.parse(stored.get(DEVICE_CHOICES_KEY)!)).toEqual({
      speaker: { id: 'hs-out', label: 'Headset' },
      microphone: { id: 'builtin', label: 'Built-in Microphone' },
    });
    expect(useDevices.getState().inUse).toEqual({ speaker: 'hs-out', microphone: 'builtin' });
    expect(switched.at(-1)).toEqual(['audio', 'builtin']);
  });

  it('unplugged mid-call: falls back to the default with a notice; the headset back waits for the next call', async () => {
    const { service, media, switched, setInCall } = setup({ microphone: { id: 'usb-1', label: 'Headset' } });
    await service.start();
    setInCall(true);
    const plugged = media.devices;
    await media.change(plugged.filter((d) => d.label !== 'Headset'));
    expect(useDevices.getState().inUse).toEqual({});
    expect(switched.at(-1)).toEqual(['audio', undefined]);
    expect(useDevices.getState().notice).toBe('Headset disconnected: using the default microphone');

    await media.change(plugged);
    expect(useDevices.getState().inUse).toEqual({});
    setInCall(false);
    await service.callsEnded();
    expect(useDevices.getState().inUse).toEqual({ microphone: 'usb-1' });
    expect(switched.at(-1)).toEqual(['audio', 'usb-1']);
    service.dispose();
  });

  it('opens the level meter microphone with the device in use', async () => {
    const { service, media } = setup({ microphone: { id: 'usb-1', label: 'Headset' } });
    await service.start();
    await service.openMicrophone();
    expect(media.opened.at(-1)).toEqual({ audio: { deviceId: { exact: 'usb-1' } } });
  });
});
