import { create } from 'zustand';

/**
 * How the call is shown, apart from the call itself: the full call view or the compact call bar, the
 * in-call keypad and transfer dialog, and the keyboard-shortcut help. Each call-scoped flag names the
 * call it belongs to, so a new call starts in the full view with nothing open, without a reset step.
 * Settings and the call feature both open the help through here (features never import each other).
 */
export interface CallViewState {
  /** The call shown as the compact bar; any other call is shown in the full view. */
  minimisedId: string | null;
  /** The call whose in-call keypad is open. */
  keypadFor: string | null;
  /** The call whose transfer dialog is open. */
  transferFor: string | null;
  /** The call whose device menu is open. */
  devicesFor: string | null;
  helpOpen: boolean;
}

export const INITIAL_CALL_VIEW: CallViewState = {
  minimisedId: null,
  keypadFor: null,
  transferFor: null,
  devicesFor: null,
  helpOpen: false,
};

export const useCallView = create<CallViewState>()(() => INITIAL_CALL_VIEW);

const set = (patch: Partial<CallViewState>) => useCallView.setState(patch);

export const callView = {
  minimise: (callId: string) => set({ minimisedId: callId, transferFor: null }),
  expand: () => set({ minimisedId: null }),
  /** Opens or closes the keypad; opening it shows the full view (the keypad lives there). */
  toggleKeypad(callId: string) {
    const open = useCallView.getState().keypadFor === callId;
    set(open ? { keypadFor: null } : { keypadFor: callId, minimisedId: null });
  },
  /** Opens the transfer dialog in the full view. */
  openTransfer: (callId: string) => set({ transferFor: callId, minimisedId: null }),
  closeTransfer: () => set({ transferFor: null }),
  /** Opens or closes the device menu, in the full view. */
  toggleDevices(callId: string) {
    const open = useCallView.getState().devicesFor === callId;
    set(open ? { devicesFor: null } : { devicesFor: callId, minimisedId: null });
  },
  openHelp: () => set({ helpOpen: true }),
  closeHelp: () => set({ helpOpen: false }),
};

/** True when this call is shown as the compact bar. */
export function selectMinimised(state: CallViewState, callId: string | null): boolean {
  return callId !== null && state.minimisedId === callId;
}
