import { create } from 'zustand';
import type { ConferenceSnapshot } from '../phone/types';

export type { ConferenceLeave, ConferenceSnapshot } from '../phone/types';

/**
 * The three-way conference as the UI sees it (issue 11): the engine's `conference` event (which two
 * calls are mixed, the one mute, what the user hears), and whether the host asked to hang up, which
 * opens the "end for everyone or leave the other two connected" choice, and which two calls are being
 * merged (the held one is resumed first: for that moment both lines talk, and the panel says why).
 */
export interface ConferenceState {
  conference: ConferenceSnapshot | null;
  leaving: boolean;
  merging: readonly [string, string] | null;
}

export const INITIAL_CONFERENCE: ConferenceState = { conference: null, leaving: false, merging: null };

export const useConference = create<ConferenceState>()(() => INITIAL_CONFERENCE);

/** The engine's event: a conference that ends also closes the host's hang-up choice. */
export function applyConference(conference: ConferenceSnapshot | null): void {
  useConference.setState((state) => ({ conference, leaving: conference ? state.leaving : false }));
}

export function selectInConference(state: ConferenceState, callId: string | null): boolean {
  return callId !== null && (state.conference?.callIds.includes(callId) ?? false);
}
