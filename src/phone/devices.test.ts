import { describe, expect, it, vi } from 'vitest';
import {
  disconnectedNotice,
  groupDevices,
  matchDevice,
  mediaConstraintsFor,
  reconcileDevices,
  resolveDevices,
  sinkIdSupported,
  withDefaultDeviceFallback,
} from './devices';
import { callConstraints } from './media';

const info = (kind: MediaDeviceKind, deviceId: string, label: string) => ({ kind, deviceId, label });

const plugged = [
  info('audioinput', 'default', 'Default - Headset'),
  info('audioinput', 'mic-built-in', 'Built-in Microphone'),
  info('audioinput', 'mic-headset', 'Headset'),
  info('videoinput', 'cam-1', 'FaceTime HD Camera'),
  info('audiooutput', 'default', 'Default - Speakers'),
  info('audiooutput', 'out-speakers', 'Speakers'),
  info('audiooutput', 'out-headset', 'Headset'),
];

describe('groupDevices', () => {
  it('lists each kind without the browser default entries, and knows when labels are hidden', () => {
    const lists = groupDevices(plugged);
    expect(lists.microphone.map((d) => d.id)).toEqual(['mic-built-in', 'mic-headset']);
    expect(lists.output.map((d) => d.label)).toEqual(['Speakers', 'Headset']);
    expect(lists.labelled).toBe(true);
    const beforePermission = groupDevices([info('audioinput', '', ''), info('videoinput', '', '')]);
    expect(beforePermission).toEqual({ microphone: [], camera: [], output: [], labelled: false });
  });
});

describe('matchDevice', () => {
  const options = groupDevices(plugged).microphone;
  it('matches by id, then by label (ids change per origin and profile), else the default', () => {
    expect(matchDevice({ id: 'mic-headset', label: 'Old name' }, options)).toBe('mic-headset');
    expect(matchDevice({ id: 'stale-id', label: 'Headset' }, options)).toBe('mic-headset');
    expect(matchDevice({ id: 'stale-id', label: 'USB Mic' }, options)).toBeUndefined();
    expect(matchDevice({ id: 'stale-id', label: '' }, [{ id: 'x', label: '' }])).toBeUndefined();
    expect(matchDevice(undefined, options)).toBeUndefined();
  });
});

describe('reconcileDevices', () => {
  const choices = {
    microphone: { id: 'mic-headset', label: 'Headset' },
    speaker: { id: 'out-headset', label: 'Headset' },
  };
  const unplugged = plugged.filter((d) => d.label !== 'Headset' && !d.label.endsWith('Headset'));

  it('drops an unplugged device in use to the default and says which roles lost theirs', () => {
    const inUse = resolveDevices(choices, groupDevices(plugged));
    expect(inUse).toEqual({ microphone: 'mic-headset', speaker: 'out-headset' });
    const change = reconcileDevices(inUse, choices, groupDevices(unplugged), true);
    expect(change).toEqual({ next: {}, lost: ['microphone', 'speaker'] });
  });

  it('during a call keeps the default when the headset comes back; between calls uses it again', () => {
    expect(reconcileDevices({}, choices, groupDevices(plugged), true).next).toEqual({});
    expect(reconcileDevices({}, choices, groupDevices(plugged), false).next).toEqual({
      microphone: 'mic-headset',
      speaker: 'out-headset',
    });
  });

  it('names the device in the notice', () => {
    expect(disconnectedNotice('microphone', 'Headset')).toBe(
      'Headset disconnected: using the default microphone',
    );
    expect(disconnectedNotice('ringer', undefined)).toBe(
      'Your ringing device disconnected: using the default ringing device',
    );
  });
});

describe('mediaConstraintsFor', () => {
  it('asks for exactly the matched device, or any device', () => {
    expect(mediaConstraintsFor('audio', { audioInputId: 'mic-headset' })).toEqual({
      deviceId: { exact: 'mic-headset' },
    });
    expect(mediaConstraintsFor('video', { audioInputId: 'mic-headset' })).toBe(true);
    expect(callConstraints({ audioInputId: 'a', videoInputId: 'v' }, false)).toEqual({
      audio: { deviceId: { exact: 'a' } },
      video: false,
    });
  });
});

describe('withDefaultDeviceFallback', () => {
  const stream = {} as MediaStream;
  const gone = new DOMException('no such device', 'OverconstrainedError');

  it('opens the default device when the chosen one has just been unplugged', async () => {
    const getUserMedia = vi.fn().mockRejectedValueOnce(gone).mockResolvedValueOnce(stream);
    const open = withDefaultDeviceFallback(getUserMedia);
    await expect(open({ audio: { deviceId: { exact: 'gone' } }, video: false })).resolves.toBe(stream);
    expect(getUserMedia.mock.calls[1]?.[0]).toEqual({ audio: true, video: false });
  });

  it('does not hide a refused permission, nor retry without a device id', async () => {
    const denied = new DOMException('denied', 'NotAllowedError');
    const refuse = vi.fn().mockRejectedValue(denied);
    await expect(withDefaultDeviceFallback(refuse)({ audio: { deviceId: { exact: 'x' } } })).rejects.toBe(
      denied,
    );
    const missing = vi.fn().mockRejectedValue(gone);
    await expect(withDefaultDeviceFallback(missing)({ audio: true })).rejects.toBe(gone);
    expect(missing).toHaveBeenCalledTimes(1);
  });
});

describe('sinkIdSupported', () => {
  it('detects HTMLMediaElement.setSinkId', () => {
    expect(sinkIdSupported({ setSinkId() {} })).toBe(true);
    expect(sinkIdSupported({})).toBe(false);
    expect(sinkIdSupported(null)).toBe(false);
  });
});
