/** Debug mode as the UI sees it (issue 13): the SIP trace's on/off and its log, mirrored from src/phone. */
import { create } from 'zustand';
import { sipTrace, type TraceEntry } from '../phone/sip-trace';

export type { TraceEntry };

interface SipTraceState {
  enabled: boolean;
  entries: readonly TraceEntry[];
}

export const useSipTrace = create<SipTraceState>()(() => ({
  enabled: sipTrace.enabled,
  entries: sipTrace.list(),
}));

sipTrace.subscribe(() => useSipTrace.setState({ enabled: sipTrace.enabled, entries: [...sipTrace.list()] }));

/** Toggles the trace; returns the sentence to announce. */
export function toggleSipTrace(): string {
  sipTrace.setEnabled(!sipTrace.enabled);
  return sipTrace.enabled ? 'SIP trace on' : 'SIP trace off';
}

export const clearSipTrace = () => sipTrace.clear();
export const sipTraceText = () => sipTrace.text();
