/**
 * Intent from resting, not from passing: handlers that call `intent` once the mouse pointer or the
 * keyboard focus has stayed on an element for `ms`. For a list of call buttons (History): a pointer
 * crossing the list, or Tab walking down it past Call and Video call in turn, would otherwise start and
 * drop a call's preparation (a peer connection, with TURN a relay allocation) at each button. A touch
 * is a deliberate act and enters the button only ~100 ms before its click: it counts at once.
 */
import type { FocusEvent, PointerEvent } from 'react';

/** Long enough to let a pointer cross a 40 px button unnoticed, short beside a person's aim-and-click. */
export const INTENT_DWELL_MS = 120;

/** One pending intent for the page: a pointer or a focus rests on one element at a time. */
let pending: ReturnType<typeof setTimeout> | null = null;

function cancel(): void {
  if (pending !== null) clearTimeout(pending);
  pending = null;
}

function after(ms: number, intent: () => void): void {
  cancel();
  pending = setTimeout(() => {
    pending = null;
    intent();
  }, ms);
}

export interface DwellHandlers {
  onPointerEnter(event: PointerEvent): void;
  onPointerLeave(): void;
  onFocus(event: FocusEvent): void;
  onBlur(): void;
}

export function dwellIntent(intent: () => void, ms = INTENT_DWELL_MS): DwellHandlers {
  return {
    onPointerEnter: (event) => {
      if (event.pointerType !== 'touch') return after(ms, intent);
      cancel();
      intent();
    },
    onPointerLeave: cancel,
    onFocus: () => after(ms, intent),
    onBlur: cancel,
  };
}
