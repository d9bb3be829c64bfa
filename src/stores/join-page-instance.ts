import { fetchJoinWidget } from '../api/join-widget';
import { fetchPublishedConfig } from '../api/published-config';
import { formatTime } from '../lib/format-time';
import { joinRoom } from '../webcall/join-room';
import { createLinkMemory, sessionLinkStorage } from '../webcall/link-memory';
import { createPreChatMemory } from '../webcall/prechat-memory';
import { createJoinPage } from './join-page';
import { browserNetwork } from './join-reconnect';
import { create } from 'zustand';
import type { JoinAvailability, JoinAvailabilityState } from './join-availability';
import { createJoinWidget } from './join-widget';
import { createMediaPreview } from './media-preview';

/** The customer's join page state (one per page, like the phone bridge). */
export const joinPage = createJoinPage({
  location: window.location,
  history: window.history,
  rooms: { join: joinRoom },
  // The customer has no session; a plain fetch keeps the platform client (and zod's classic API) out.
  loadConfig: () => fetchPublishedConfig(),
  formatTime,
  linkMemory: createLinkMemory(sessionLinkStorage()),
  network: browserNetwork(window),
});

/** The join page's camera + microphone preview (before joining). */
export const mediaPreview = createMediaPreview(navigator.mediaDevices);

/** The operator's settings for this page (title, colour, text size, chat options). */
export const joinWidget = createJoinWidget(() => fetchJoinWidget());

/** The customer's pre-chat answers per room, in this tab. */
export const preChatMemory = createPreChatMemory(sessionLinkStorage());

const availabilityStore = create<JoinAvailabilityState>(() => ({ availability: null }));

/**
 * Whether the link's agent is free, busy or closed, asked while the pre-join screen shows (ADR 0026).
 * The asking loop, its schema and its request load after the page (docs/performance.md: pre-Join budget).
 */
export const joinAvailability: JoinAvailability = {
  useStore: availabilityStore,
  watch(roomId, key) {
    availabilityStore.setState({ availability: null });
    let stop: (() => void) | null = null;
    let live = true;
    void Promise.all([import('./join-availability'), import('../api/webcall-availability')]).then(
      ([loop, api]) => {
        if (live) stop = loop.watchAvailability(availabilityStore, api, roomId, key);
      },
    );
    return () => {
      live = false;
      stop?.();
    };
  },
};
