/** One wording for errors, whichever layer reports them. */

/** The message of anything thrown: an Error's message, a thrown string, or its String(). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

export type MediaErrorKind = 'permission-denied' | 'no-device' | 'device-busy';

export interface MediaFailure {
  kind: MediaErrorKind;
  /** A sentence for the user. */
  message: string;
}

const MEDIA_FAILURES: Record<MediaErrorKind, MediaFailure> = {
  'permission-denied': {
    kind: 'permission-denied',
    message: 'Microphone or camera access is blocked.',
  },
  'no-device': { kind: 'no-device', message: 'No microphone or camera was found.' },
  'device-busy': {
    kind: 'device-busy',
    message: 'The microphone or camera is in use by another app, or not working.',
  },
};

/** getUserMedia's DOMException names, including the ones older Chromium and Firefox used. */
const KIND_BY_NAME: Record<string, MediaErrorKind> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotFoundError: 'no-device',
  DevicesNotFoundError: 'no-device',
  OverconstrainedError: 'no-device',
  NotReadableError: 'device-busy',
  TrackStartError: 'device-busy',
  AbortError: 'device-busy',
};

/** Classifies a getUserMedia failure by its name; null when the error is something else. */
export function classifyMediaError(error: unknown): MediaFailure | null {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const kind = Object.hasOwn(KIND_BY_NAME, name) ? KIND_BY_NAME[name] : undefined;
  return kind ? MEDIA_FAILURES[kind] : null;
}
