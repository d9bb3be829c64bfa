/**
 * What index.html's boot script leaves on `window` when a first visit's prerendered sign-in form waits
 * for the visitor's first input (ADR 0041): the clicks and submits it held meanwhile, and its own
 * `/api/config` request, which the app takes instead of asking the network again.
 */
export interface HeldStart {
  events: Event[];
  holding: boolean;
  /** The boot script's `/api/config` answer (JSON, not yet checked), or null if the server refused. */
  config?: Promise<unknown> | undefined;
}

declare global {
  interface Window {
    openlinePrerendered?: HeldStart;
  }
}

export function heldStart(): HeldStart | undefined {
  return typeof window === 'undefined' ? undefined : window.openlinePrerendered;
}
