import { describe, expect, it } from 'vitest';
import { i18n } from '@lingui/core';
import { CallState, type CallEndReason, type CallSnapshot } from '../../stores/phone-types';
import { callStatusText } from './call-status';

const base: CallSnapshot = {
  id: 'c1',
  sipCallId: 'c1@test',
  direction: 'outgoing',
  state: CallState.Dialing,
  remoteUri: 'sip:1002@openline.local',
  remoteUser: '1002',
  remoteDisplayName: null,
  video: false,
  muted: false,
  cameraOff: false,
  held: false,
  createdAt: 0,
  answeredAt: null,
  endedAt: null,
  endReason: null,
  endStatusCode: null,
};

describe('callStatusText', () => {
  it.each<[Partial<CallSnapshot>, string]>([
    [{ state: CallState.Dialing }, 'Calling…'],
    [{ state: CallState.Ringing }, 'Ringing…'],
    [{ state: CallState.Connecting }, 'Connecting…'],
    [{ state: CallState.Active }, 'Connected'],
    [{ state: CallState.Active, held: true }, 'On hold'],
    [{ state: CallState.Ended }, 'Call ended'],
  ])('%j → %s', (patch, text) => {
    expect(callStatusText({ ...base, ...patch }, i18n)).toBe(text);
  });

  it.each<[CallEndReason, string]>([
    ['declined', 'Declined'],
    ['busy', 'Busy'],
    ['unavailable', 'Unavailable'],
    ['not-found', 'Not found'],
    ['no-answer', 'No answer'],
    ['cancelled', 'Cancelled'],
    ['local-hangup', 'Call ended'],
    ['remote-hangup', 'Call ended'],
    ['failed', 'Call failed'],
  ])('ended by %s → %s', (endReason, text) => {
    expect(callStatusText({ ...base, state: CallState.Ended, endReason }, i18n)).toBe(text);
  });
});
