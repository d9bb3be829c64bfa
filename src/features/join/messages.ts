/**
 * Sentences the join page shows for room errors and endings (plain language, what to do next), in the
 * active language (join catalog). Components that call these also call `useLingui()`, so they re-render
 * when the language changes.
 */
import { t } from '@lingui/core/macro';
import type { RoomEndReason, RoomErrorCode } from '../../webcall/rooms';

export { formatTime } from '../../lib/format-time';

/** How to allow the camera and microphone again in the browser the customer is using. */
export function permissionHelp(userAgent: string): string {
  if (/iPhone|iPad|iPod/.test(userAgent)) {
    return t`On an iPhone or iPad: tap “aA” (or the camera icon) in the address bar, choose Website Settings, set Camera and Microphone to Allow, then try again.`;
  }
  if (/Firefox\//.test(userAgent)) {
    return t`In Firefox: click the crossed-out camera icon in the address bar, remove the “Blocked” permissions, then try again.`;
  }
  if (/Safari\//.test(userAgent) && !/Chrome\/|Chromium\/|Edg\//.test(userAgent)) {
    return t`In Safari: choose Safari → Settings for This Website, set Camera and Microphone to Allow, then try again.`;
  }
  if (/Android/.test(userAgent)) {
    return t`On Android: tap the lock or settings icon in the address bar, open Permissions, allow Camera and Microphone, then try again.`;
  }
  return t`Click the camera or lock icon in the address bar, allow Camera and Microphone for this site, then try again.`;
}

export function describeRoomError(error: { code: RoomErrorCode; message: string }): {
  title: string;
  text: string;
  retry: boolean;
} {
  switch (error.code) {
    case 'permission-denied':
      return {
        title: t`Camera and microphone are blocked`,
        text: t`This page needs your permission to use them.`,
        retry: true,
      };
    case 'no-device':
      // error.message comes from shell-area code (not loaded here): the sentence is chosen by its code.
      return {
        title: t`No camera or microphone`,
        text: t`No camera or microphone was found, or another app is using it. Connect one, or close other apps using it, then try again.`,
        retry: true,
      };
    case 'unreachable':
      return {
        title: t`The call service cannot be reached`,
        text: t`Check your internet connection, then try again. If it keeps failing, the service may be down for a moment.`,
        retry: true,
      };
    case 'auth':
      return {
        title: t`This link no longer works`,
        text: t`The call service did not accept it; it may have expired or been withdrawn. Ask for a new link.`,
        retry: false,
      };
    case 'unavailable':
      return {
        title: t`Nobody is there yet`,
        text: t`The person who invited you is not connected right now. Try again in a moment.`,
        retry: true,
      };
    case 'unsupported':
      return {
        title: t`This browser cannot make video calls`,
        text: t`Open the link in a current version of Chrome, Safari, Firefox or Edge.`,
        retry: false,
      };
    case 'failed':
      return {
        title: t`The call could not start`,
        text: t`Something went wrong. Try again in a moment.`,
        retry: true,
      };
  }
}

export function describeEnd(reason: RoomEndReason | null, agentName: string | undefined): string {
  switch (reason) {
    case 'remote-left':
      return agentName ? t`${agentName} ended the call.` : t`The other person ended the call.`;
    case 'unavailable':
      return agentName
        ? t`${agentName} could not take the call right now.`
        : t`The other person could not take the call right now.`;
    case 'connection-lost':
      return t`The connection was lost.`;
    case 'failed':
      return t`The call stopped because of a problem.`;
    default:
      return t`You left the call.`;
  }
}
