/**
 * Sendbird error codes → rooms-port errors. Compare numbers, not the SDK's enum: its .d.ts names for
 * the WebSocket errors (WS_NOT_CONNECTED, WS_CONNECTION_FAILED) are undefined at runtime.
 */
import { t } from '@lingui/core/macro';
import { errorMessage } from '../lib/errors';
import { RoomError, mediaError } from './rooms';

const UNREACHABLE = new Set([
  1800200, // request failed
  1800201, // WebSocket not connected
  1800202, // WebSocket connection failed
  1800203, // no response (timeout)
  1800204, // request failed: WebSocket connection lost
  1800207, // internal server error
  1400999, // server internal error
]);
const SDK_MEDIA_ERRORS = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'SecurityError']);
const MEDIA = new Set([1800704, 1800705, 1800706]);
/** Chat/Calls authentication: invalid or expired session token, unknown user. */
const AUTH = new Set([400302, 400303, 400304, 400309, 400310, 400401, 400201, 1800303, 1400105]);

export function sendbirdCode(error: unknown): number | null {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = Number((error as { code: unknown }).code);
    return Number.isFinite(code) ? code : null;
  }
  return null;
}

export function mapSendbirdError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  // init() throws a plain string when WebRTC is missing or the page is not a secure origin.
  if (typeof error === 'string') return new RoomError('unsupported', error);
  // getUserMedia's names only: an AbortError from the SDK's own requests is not a camera problem.
  if (error instanceof Error && SDK_MEDIA_ERRORS.has(error.name)) {
    return mediaError(error);
  }
  const code = sendbirdCode(error);
  const message = errorMessage(error);
  if (code !== null && UNREACHABLE.has(code)) return new RoomError('unreachable', message, code);
  if (code !== null && AUTH.has(code)) return new RoomError('auth', message, code);
  if (code !== null && MEDIA.has(code))
    return new RoomError('failed', t`The video connection could not be set up.`, code);
  if (code === null && error instanceof TypeError) return new RoomError('unreachable', message);
  return new RoomError('failed', message, code);
}
