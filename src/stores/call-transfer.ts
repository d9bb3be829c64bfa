/**
 * Transfer state in the calls store: the engine's `TransferStatus` per transferred call, and the
 * consultation calls of attended transfers (consultation call id → the customer's call id).
 */
import type { TransferStatus } from '../phone/types';
import type { CallsState } from './calls';

export function applyTransferStatus(state: CallsState, status: TransferStatus): CallsState {
  const transfers = { ...state.transfers, [status.callId]: status };
  if (status.phase !== 'transferred' || !status.consultCallId) return { ...state, transfers };
  const { [status.consultCallId]: _done, ...consultations } = state.consultations;
  return { ...state, transfers, consultations };
}

/** A consultation call was placed for an attended transfer of `customerCallId`. */
export function addConsultation(
  state: CallsState,
  consultCallId: string,
  customerCallId: string,
): CallsState {
  return { ...state, consultations: { ...state.consultations, [consultCallId]: customerCallId } };
}

/** Forget what refers to a call that is gone. */
export function forgetTransfers(state: CallsState, callId: string): CallsState {
  const { [callId]: _status, ...transfers } = state.transfers;
  const consultations = Object.fromEntries(
    Object.entries(state.consultations).filter(
      ([consult, customer]) => consult !== callId && customer !== callId,
    ),
  );
  return { ...state, transfers, consultations };
}

export function selectTransfer(state: CallsState, callId: string | null): TransferStatus | null {
  return callId ? (state.transfers[callId] ?? null) : null;
}

/** For a consultation call, the customer's call it may be transferred from. */
export function selectConsultedFor(state: CallsState, consultCallId: string | null): string | null {
  return consultCallId ? (state.consultations[consultCallId] ?? null) : null;
}
