/**
 * The audio and video devices: the lists, the remembered choices (localStorage: device ids belong to
 * this origin and this browser), the devices in use, and the engine kept in step. The matching rules
 * are phone/devices.ts's; this file only sequences them. See docs/calls.md "Devices".
 */
import { t } from '@lingui/core/macro';
import { z } from 'zod/mini';
import { create } from 'zustand';
import {
  disconnectedNotice,
  EMPTY_DEVICE_LISTS,
  groupDevices,
  mediaConstraintsFor,
  optionsFor,
  reconcileDevices,
  resolveDevices,
  sinkIdSupported,
  type DeviceChoices,
  type DeviceLists,
  type DeviceRole,
  type InputDeviceIds,
  type ResolvedDevices,
} from '../phone/devices';

export type { DeviceRole, DeviceLists, DeviceOption } from '../phone/devices';

export interface DevicesState {
  lists: DeviceLists;
  choices: DeviceChoices;
  inUse: ResolvedDevices;
  /** Audio output choice is possible (HTMLMediaElement.setSinkId). */
  sinkSupported: boolean;
  /** E.g. "Headset disconnected: using the default microphone", until dismissed. */
  notice: string | null;
  /** Device access failed (permission refused, no device), for the Settings section. */
  error: string | null;
}

export const useDevices = create<DevicesState>()(() => ({
  lists: EMPTY_DEVICE_LISTS,
  choices: {},
  inUse: {},
  sinkSupported: sinkIdSupported(),
  notice: null,
  error: null,
}));

export const DEVICE_CHOICES_KEY = 'openline.devices';
const choiceSchema = z.object({
  id: z.string().check(z.maxLength(512)),
  label: z.string().check(z.maxLength(512)),
});
const choicesSchema = z.partial(
  z.object({ microphone: choiceSchema, camera: choiceSchema, speaker: choiceSchema, ringer: choiceSchema }),
);

export type DeviceMedia = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'> &
  Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface DeviceServiceDeps {
  media: DeviceMedia | null;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Switches the engine (and its live calls) to a microphone/camera; null when there is no engine. */
  useInputDevice: (kind: 'audio' | 'video', deviceId: string | undefined) => Promise<void> | null;
  inCall: () => boolean;
}

export interface DeviceService {
  /** Reads the saved choices and the device list, and follows `devicechange`. */
  start(): Promise<void>;
  refresh(): Promise<void>;
  /** Asks for microphone (and camera) permission so the device names become visible. */
  requestAccess(): Promise<void>;
  /** The user picked a device (undefined: the default): remembered, and used at once, mid-call too. */
  choose(role: DeviceRole, id: string | undefined): Promise<void>;
  /** No call is left: a preferred device that came back is used from the next call on. */
  callsEnded(): Promise<void>;
  /** The microphone in use, for the Settings level meter. */
  openMicrophone(): Promise<MediaStream>;
  /** For the engine's config at sign-in. */
  inputIds(): InputDeviceIds;
  dismissNotice(): void;
  dispose(): void;
}

function loadChoices(storage: DeviceServiceDeps['storage']): DeviceChoices {
  try {
    const parsed = choicesSchema.safeParse(JSON.parse(storage?.getItem(DEVICE_CHOICES_KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const inputKind = (role: DeviceRole): 'audio' | 'video' | null =>
  role === 'microphone' ? 'audio' : role === 'camera' ? 'video' : null;

export function createDeviceService(deps: DeviceServiceDeps): DeviceService {
  const store = useDevices;
  const onChange = () => void refresh();

  /** Tells the engine about microphone/camera changes between `before` and `after`. */
  async function apply(before: ResolvedDevices, after: ResolvedDevices): Promise<void> {
    store.setState({ inUse: after });
    for (const role of ['microphone', 'camera'] as const) {
      if (before[role] === after[role]) continue;
      await deps.useInputDevice(inputKind(role)!, after[role])?.catch((error: unknown) =>
        store.setState({
          error:
            role === 'microphone'
              ? t`Could not switch the microphone: ${String(error)}`
              : t`Could not switch the camera: ${String(error)}`,
        }),
      );
    }
  }

  async function refresh(): Promise<void> {
    if (!deps.media) return;
    const infos = await deps.media.enumerateDevices().catch(() => []);
    const lists = groupDevices(infos);
    const { inUse, choices } = store.getState();
    const change = reconcileDevices(inUse, choices, lists, deps.inCall());
    const lostRole = change.lost[0];
    const lostLabel =
      lostRole && optionsFor(store.getState().lists, lostRole).find((o) => o.id === inUse[lostRole]);
    store.setState({
      lists,
      ...(lostRole ? { notice: disconnectedNotice(lostRole, lostLabel?.label) } : {}),
    });
    await apply(inUse, change.next);
  }

  return {
    async start() {
      store.setState({ choices: loadChoices(deps.storage) });
      deps.media?.addEventListener('devicechange', onChange);
      await refresh();
    },
    refresh,
    async requestAccess() {
      if (!deps.media) return store.setState({ error: t`This browser gives no access to devices.` });
      const stream = await deps.media
        .getUserMedia({ audio: true, video: true })
        .catch(() => deps.media!.getUserMedia({ audio: true }))
        .catch((error: unknown) => {
          store.setState({ error: t`Could not access the microphone: ${String(error)}` });
          return null;
        });
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (stream) store.setState({ error: null });
      await refresh();
    },
    async choose(role, id) {
      const { choices, lists, inUse } = store.getState();
      const option = optionsFor(lists, role).find((o) => o.id === id);
      const next: DeviceChoices = { ...choices };
      if (option) next[role] = { id: option.id, label: option.label };
      else delete next[role];
      store.setState({ choices: next });
      try {
        deps.storage?.setItem(DEVICE_CHOICES_KEY, JSON.stringify(next));
      } catch {
        // Private mode or a full quota: the choice still applies in this tab.
      }
      const after: ResolvedDevices = { ...inUse };
      if (option) after[role] = option.id;
      else delete after[role];
      await apply(inUse, after);
    },
    async callsEnded() {
      const { inUse, choices, lists } = store.getState();
      await apply(inUse, resolveDevices(choices, lists));
    },
    openMicrophone() {
      if (!deps.media) return Promise.reject(new Error('This browser gives no access to the microphone.'));
      const audio = mediaConstraintsFor('audio', { audioInputId: store.getState().inUse.microphone });
      return deps.media.getUserMedia({ audio });
    },
    inputIds() {
      const { inUse } = store.getState();
      return { audioInputId: inUse.microphone, videoInputId: inUse.camera };
    },
    dismissNotice: () => store.setState({ notice: null }),
    dispose() {
      deps.media?.removeEventListener('devicechange', onChange);
    },
  };
}
