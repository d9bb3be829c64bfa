import type { CallEndReason } from './types';

/** The end reason for a final response to our INVITE. */
export function endReasonForStatus(status: number): CallEndReason {
  switch (status) {
    case 486:
    case 600:
      return 'busy';
    case 603:
      return 'declined';
    case 480:
      return 'unavailable';
    case 404:
    case 604:
      return 'not-found';
    case 408:
      return 'no-answer';
    case 487:
      return 'cancelled';
    default:
      return 'failed';
  }
}
