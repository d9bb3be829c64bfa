/** What the call view's controls ask of the phone (call-actions.ts; tests pass fakes). */
export interface CallActions {
  hangup(callId: string): void;
  toggleMute(callId: string): void;
  toggleCamera(callId: string): void;
  toggleHold(callId: string): void;
  sendDtmf(callId: string, tone: string): void;
  setForeground(callId: string): void;
  transfer(callId: string, target: string): void;
  consult(callId: string, target: string): void;
  completeTransfer(consultCallId: string): void;
  cancelConsultation(consultCallId: string): void;
}
