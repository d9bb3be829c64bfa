/**
 * Audio and video devices, without React or stores: the lists from `enumerateDevices()`, matching a
 * remembered choice against them, the constraints a call opens its devices with, and what an
 * unplugged device means for the devices in use. See docs/calls.md "Devices".
 *
 * Device ids are per origin and may change (after clearing site data, on another browser profile),
 * labels are stable but only visible after a media permission: a choice is remembered as both and
 * matched by id, then by label, else the browser's default is used.
 */
import type { GetUserMedia } from './media';

/** What a device is chosen for. The ringer is an output like the speaker, chosen separately. */
export type DeviceRole = 'microphone' | 'camera' | 'speaker' | 'ringer';
export const DEVICE_ROLES: readonly DeviceRole[] = ['microphone', 'camera', 'speaker', 'ringer'];

export interface DeviceOption {
  readonly id: string;
  readonly label: string;
}

/** A remembered choice: both halves, since either may be all that still matches. */
export type DeviceChoice = DeviceOption;
export type DeviceChoices = Partial<Record<DeviceRole, DeviceChoice>>;
/** The device ids in use per role; absent means the browser's default. */
export type ResolvedDevices = Partial<Record<DeviceRole, string>>;

export interface DeviceLists {
  readonly microphone: readonly DeviceOption[];
  readonly camera: readonly DeviceOption[];
  /** Audio outputs (the speaker and the ringer choose among the same list). */
  readonly output: readonly DeviceOption[];
  /** False until the user granted a media permission: the browser hides the names. */
  readonly labelled: boolean;
}

export const EMPTY_DEVICE_LISTS: DeviceLists = { microphone: [], camera: [], output: [], labelled: false };

type DeviceInfoLike = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>;

/** The ids browsers use for their own "follow the system default" entries. */
const DEFAULT_IDS = new Set(['default', 'communications']);

export function isDefaultDeviceId(id: string): boolean {
  return DEFAULT_IDS.has(id);
}

function optionsOf(infos: readonly DeviceInfoLike[], kind: MediaDeviceKind): DeviceOption[] {
  const seen = new Set<string>();
  const options: DeviceOption[] = [];
  for (const info of infos) {
    // Before a permission Chromium lists one entry per kind with an empty id: nothing to choose.
    if (info.kind !== kind || !info.deviceId || isDefaultDeviceId(info.deviceId)) continue;
    if (seen.has(info.deviceId)) continue;
    seen.add(info.deviceId);
    options.push({ id: info.deviceId, label: info.label });
  }
  return options;
}

/** Groups `enumerateDevices()` output per kind; the browser's own "default" entries are left out. */
export function groupDevices(infos: readonly DeviceInfoLike[]): DeviceLists {
  return {
    microphone: optionsOf(infos, 'audioinput'),
    camera: optionsOf(infos, 'videoinput'),
    output: optionsOf(infos, 'audiooutput'),
    labelled: infos.some((info) => info.label !== ''),
  };
}

export function optionsFor(lists: DeviceLists, role: DeviceRole): readonly DeviceOption[] {
  if (role === 'microphone') return lists.microphone;
  if (role === 'camera') return lists.camera;
  return lists.output;
}

/** The id of the chosen device in `options`: same id, else same (non-empty) label, else undefined (default). */
export function matchDevice(
  choice: DeviceChoice | undefined,
  options: readonly DeviceOption[],
): string | undefined {
  if (!choice) return undefined;
  const byId = options.find((option) => option.id === choice.id);
  if (byId) return byId.id;
  if (!choice.label) return undefined;
  return options.find((option) => option.label === choice.label)?.id;
}

export function resolveDevices(choices: DeviceChoices, lists: DeviceLists): ResolvedDevices {
  const resolved: ResolvedDevices = {};
  for (const role of DEVICE_ROLES) {
    const id = matchDevice(choices[role], optionsFor(lists, role));
    if (id) resolved[role] = id;
  }
  return resolved;
}

export interface DeviceChange {
  /** What to use from now on. */
  readonly next: ResolvedDevices;
  /** Roles whose device in use disappeared (they fall back to the default). */
  readonly lost: readonly DeviceRole[];
}

/**
 * After a `devicechange`: a device in use that is gone falls back to the default. During a call the
 * other devices stay as they are (a preferred device that came back waits for the next call, so a
 * call never jumps to a headset someone just plugged in); between calls the choices are matched again.
 */
export function reconcileDevices(
  inUse: ResolvedDevices,
  choices: DeviceChoices,
  lists: DeviceLists,
  inCall: boolean,
): DeviceChange {
  const lost: DeviceRole[] = [];
  const kept: ResolvedDevices = {};
  for (const role of DEVICE_ROLES) {
    const id = inUse[role];
    if (!id) continue;
    if (optionsFor(lists, role).some((option) => option.id === id)) kept[role] = id;
    else lost.push(role);
  }
  return { next: inCall ? kept : resolveDevices(choices, lists), lost };
}

const ROLE_NOUN: Record<DeviceRole, string> = {
  microphone: 'microphone',
  camera: 'camera',
  speaker: 'speaker',
  ringer: 'ringing device',
};

/** E.g. "Headset disconnected: using the default microphone". */
export function disconnectedNotice(role: DeviceRole, label: string | undefined): string {
  const name = label?.trim() || `Your ${ROLE_NOUN[role]}`;
  return `${name} disconnected: using the default ${ROLE_NOUN[role]}`;
}

export interface InputDeviceIds {
  audioInputId?: string;
  videoInputId?: string;
}

/**
 * The one place a call's microphone/camera constraint is made. The id was matched against the
 * current device list, so it is `exact`: the user gets the device they chose or, through
 * {@link withDefaultDeviceFallback}, the default one, never a silent third choice.
 */
export function mediaConstraintsFor(
  kind: 'audio' | 'video',
  choices: InputDeviceIds,
): boolean | MediaTrackConstraints {
  const id = kind === 'audio' ? choices.audioInputId : choices.videoInputId;
  return id ? { deviceId: { exact: id } } : true;
}

function withoutDeviceId(constraint: MediaStreamConstraints['audio']): MediaStreamConstraints['audio'] {
  if (typeof constraint !== 'object') return constraint;
  const rest: MediaTrackConstraints = { ...constraint };
  delete rest.deviceId;
  return Object.keys(rest).length > 0 ? rest : true;
}

function isMissingDevice(error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return name === 'OverconstrainedError' || name === 'NotFoundError' || name === 'NotReadableError';
}

function hasDeviceId(constraints: MediaStreamConstraints): boolean {
  const has = (c: MediaStreamConstraints['audio']) => typeof c === 'object' && c.deviceId !== undefined;
  return has(constraints.audio) || has(constraints.video);
}

/** A chosen device unplugged between matching and opening: open the default one instead. */
export function withDefaultDeviceFallback(getUserMedia: GetUserMedia): GetUserMedia {
  return async (constraints) => {
    try {
      return await getUserMedia(constraints);
    } catch (error) {
      if (!hasDeviceId(constraints) || !isMissingDevice(error)) throw error;
      return getUserMedia({
        audio: withoutDeviceId(constraints.audio),
        video: withoutDeviceId(constraints.video),
      });
    }
  };
}

/** `HTMLMediaElement.setSinkId` (audio output choice): Chromium; Firefox and Safari only partly. */
export function sinkIdSupported(
  proto: object | null = typeof HTMLMediaElement === 'undefined' ? null : HTMLMediaElement.prototype,
): boolean {
  return proto !== null && 'setSinkId' in proto;
}
