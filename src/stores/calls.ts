import { create } from 'zustand';
import {
  CallState,
  type CallMedia,
  type CallSnapshot,
  type PhoneWarning,
  type TransferStatus,
} from '../phone/types';
import { forgetTransfers } from './call-transfer';

/** Something the user should know about a call that is not its state (the engine's `warning`). */
export interface CallNotice {
  /** One notice per kind and call: a repeated warning replaces the earlier one. */
  id: string;
  kind: PhoneWarning['kind'];
  callId: string;
  message: string;
}

/** Notices kept until dismissed; older ones beyond this are dropped. */
export const MAX_CALL_NOTICES = 3;

export interface CallsState {
  /** Latest snapshot per call id; ended calls stay briefly so the UI can say how they ended. */
  calls: Record<string, CallSnapshot>;
  /** Call ids in the order they appeared. */
  order: string[];
  /** The call shown on the in-call screen. */
  foregroundId: string | null;
  /** DTMF digits received from the other side, per call. */
  dtmfReceived: Record<string, string>;
  media: Record<string, CallMedia>;
  /** The latest failed call action ("Could not start the call: …"), until dismissed. */
  error: string | null;
  /** Engine warnings (e.g. a hang-up that never reached the server), oldest first, until dismissed. */
  notices: CallNotice[];
  /** Transfers we started, by the transferred call's id (call-transfer.ts). */
  transfers: Record<string, TransferStatus>;
  /** Consultation call id → the customer's call id, for attended transfers. */
  consultations: Record<string, string>;
}

export const INITIAL_CALLS_STATE: CallsState = {
  calls: {},
  order: [],
  foregroundId: null,
  dtmfReceived: {},
  media: {},
  error: null,
  notices: [],
  transfers: {},
  consultations: {},
};

export const useCallsStore = create<CallsState>()(() => INITIAL_CALLS_STATE);

const isLive = (call: CallSnapshot | undefined): call is CallSnapshot =>
  call !== undefined && call.state !== CallState.Ended && call.state !== CallState.Incoming;

/** The most recent live (not ringing-in, not ended) call other than `exceptId`. */
function nextForeground(state: CallsState, exceptId: string): string | null {
  for (let i = state.order.length - 1; i >= 0; i--) {
    const id = state.order[i];
    if (id !== undefined && id !== exceptId && isLive(state.calls[id])) return id;
  }
  return null;
}

/** Fold a call event into the state. */
export function applyCallSnapshot(state: CallsState, call: CallSnapshot): CallsState {
  const previous = state.calls[call.id];
  const calls = { ...state.calls, [call.id]: call };
  const order = previous ? state.order : [...state.order, call.id];
  let foregroundId = state.foregroundId;
  const current = foregroundId ? calls[foregroundId] : undefined;

  const newOutgoing = !previous && call.direction === 'outgoing';
  const justAnswered =
    call.direction === 'incoming' &&
    (previous === undefined || previous.state === CallState.Incoming) &&
    (call.state === CallState.Connecting || call.state === CallState.Active);
  if (newOutgoing || justAnswered) foregroundId = call.id;
  else if (!current) foregroundId = isLive(call) ? call.id : null;

  return { ...state, calls, order, foregroundId };
}

/** Forget a call (after its ended state has been shown). */
export function removeCall(state: CallsState, id: string): CallsState {
  if (!state.calls[id]) return state;
  const { [id]: _call, ...calls } = state.calls;
  const { [id]: _dtmf, ...dtmfReceived } = state.dtmfReceived;
  const { [id]: _media, ...media } = state.media;
  const order = state.order.filter((x) => x !== id);
  const foregroundId = state.foregroundId === id ? nextForeground(state, id) : state.foregroundId;
  return forgetTransfers({ ...state, calls, order, dtmfReceived, media, foregroundId }, id);
}

export function selectForegroundCall(state: CallsState): CallSnapshot | null {
  return state.foregroundId ? (state.calls[state.foregroundId] ?? null) : null;
}

/** Ringing incoming calls, oldest first. */
export function selectIncomingCalls(state: CallsState): CallSnapshot[] {
  return state.order
    .map((id) => state.calls[id])
    .filter((call): call is CallSnapshot => call?.state === CallState.Incoming);
}

/** Any call that is not over: the app must not reload for an update while this is true. */
export function selectHasCall(state: CallsState): boolean {
  return Object.values(state.calls).some((call) => call.state !== CallState.Ended);
}

/** Other live calls (e.g. the one on hold while talking to a second caller). */
export function selectBackgroundCalls(state: CallsState): CallSnapshot[] {
  return state.order
    .filter((id) => id !== state.foregroundId)
    .map((id) => state.calls[id])
    .filter(isLive);
}

/** The lines (issue 11): every call placed or answered and not ended, in the order they appeared. */
export function selectLines(state: CallsState): CallSnapshot[] {
  return state.order.map((id) => state.calls[id]).filter(isLive);
}

/** Record an engine warning as a notice (replacing one for the same call and kind). */
export function addNotice(state: CallsState, warning: PhoneWarning): CallsState {
  const id = `${warning.kind}:${warning.callId}`;
  const notice: CallNotice = { id, kind: warning.kind, callId: warning.callId, message: warning.message };
  const notices = [...state.notices.filter((n) => n.id !== id), notice].slice(-MAX_CALL_NOTICES);
  return { ...state, notices };
}

export function dismissNotice(state: CallsState, id: string): CallsState {
  const notices = state.notices.filter((n) => n.id !== id);
  return notices.length === state.notices.length ? state : { ...state, notices };
}
