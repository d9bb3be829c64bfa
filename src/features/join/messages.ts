/** Sentences the join page shows for room errors and endings (plain language, what to do next). */
import type { RoomEndReason, RoomErrorCode } from '../../webcall/rooms';

export { formatTime } from '../../lib/format-time';

/** How to allow the camera and microphone again in the browser the customer is using. */
export function permissionHelp(userAgent: string): string {
  if (/iPhone|iPad|iPod/.test(userAgent)) {
    return 'On an iPhone or iPad: tap “aA” (or the camera icon) in the address bar, choose Website Settings, set Camera and Microphone to Allow, then try again.';
  }
  if (/Firefox\//.test(userAgent)) {
    return 'In Firefox: click the crossed-out camera icon at the left of the address bar, remove the “Blocked” permissions, then try again.';
  }
  if (/Safari\//.test(userAgent) && !/Chrome\/|Chromium\/|Edg\//.test(userAgent)) {
    return 'In Safari: choose Safari → Settings for This Website, set Camera and Microphone to Allow, then try again.';
  }
  if (/Android/.test(userAgent)) {
    return 'On Android: tap the lock or settings icon in the address bar, open Permissions, allow Camera and Microphone, then try again.';
  }
  return 'Click the camera or lock icon in the address bar, allow Camera and Microphone for this site, then try again.';
}

export function describeRoomError(error: { code: RoomErrorCode; message: string }): {
  title: string;
  text: string;
  retry: boolean;
} {
  switch (error.code) {
    case 'permission-denied':
      return {
        title: 'Camera and microphone are blocked',
        text: 'This page needs your permission to use them.',
        retry: true,
      };
    case 'no-device':
      return {
        title: 'No camera or microphone',
        text: `${error.message} Connect one, or close other apps using it, then try again.`,
        retry: true,
      };
    case 'unreachable':
      return {
        title: 'The call service cannot be reached',
        text: 'Check your internet connection, then try again. If it keeps failing, the service may be down for a moment.',
        retry: true,
      };
    case 'auth':
      return {
        title: 'This link no longer works',
        text: 'The call service did not accept it; it may have expired or been withdrawn. Ask for a new link.',
        retry: false,
      };
    case 'unavailable':
      return {
        title: 'Nobody is there yet',
        text: 'The person who invited you is not connected right now. Try again in a moment.',
        retry: true,
      };
    case 'unsupported':
      return {
        title: 'This browser cannot make video calls',
        text: 'Open the link in a current version of Chrome, Safari, Firefox or Edge.',
        retry: false,
      };
    case 'failed':
      return {
        title: 'The call could not start',
        text: error.message || 'Something went wrong.',
        retry: true,
      };
  }
}

export function describeEnd(reason: RoomEndReason | null, agentName: string | undefined): string {
  const who = agentName ?? 'The other person';
  switch (reason) {
    case 'remote-left':
      return `${who} ended the call.`;
    case 'unavailable':
      return `${who} could not take the call right now.`;
    case 'connection-lost':
      return 'The connection was lost.';
    case 'failed':
      return 'The call stopped because of a problem.';
    default:
      return 'You left the call.';
  }
}
