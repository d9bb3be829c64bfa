import { callView } from '../../stores/call-view';
import { selectInConference, useConference } from '../../stores/conference';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import type { CallActions } from './call-view-types';

/** What the call view's and the call bar's controls (and their keyboard shortcuts) do. */
export const callActions: CallActions = {
  // In a conference, Hang up asks the host how to leave (ConferencePanel).
  hangup(id) {
    if (!selectInConference(useConference.getState(), id)) return void phoneBridge.hangup(id);
    callView.expand();
    phoneBridge.askToLeave(true);
  },
  toggleMute: (id) => phoneBridge.toggleMute(id),
  toggleCamera: (id) => void phoneBridge.toggleCamera(id),
  toggleHold: (id) => void phoneBridge.toggleHold(id),
  sendDtmf: (id, tone) => void phoneBridge.sendDtmf(id, tone),
  setForeground: (id) => phoneBridge.setForeground(id),
  transfer: (id, target) => void phoneBridge.transfer(id, target),
  consult: (id, target) => void phoneBridge.consult(id, target),
  completeTransfer: (id) => void phoneBridge.completeTransfer(id),
  cancelConsultation: (id) => void phoneBridge.cancelConsultation(id),
};
