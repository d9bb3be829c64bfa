/**
 * "Send a webcall link to this person": another screen (Contacts) asks the Agent tab's webcall
 * panel to open prefilled. A tiny store of its own so that asking does not load the agent
 * workspace's code; the panel takes the intent once when it shows its form.
 */
import { create } from 'zustand';

export interface WebcallIntent {
  customerName: string;
  /** The customer's phone number (for SMS or WhatsApp), E.164 when known. */
  phone: string;
}

interface WebcallIntentState {
  pending: WebcallIntent | null;
}

export const useWebcallIntentStore = create<WebcallIntentState>()(() => ({ pending: null }));

/** Ask the webcall panel to prefill its form (the caller then navigates to /agent). */
export function requestWebcallLink(intent: WebcallIntent): void {
  useWebcallIntentStore.setState({ pending: { ...intent } });
}

/** The pending intent, cleared: each request prefills the form once. */
export function takeWebcallIntent(): WebcallIntent | null {
  const { pending } = useWebcallIntentStore.getState();
  if (pending) useWebcallIntentStore.setState({ pending: null });
  return pending;
}
