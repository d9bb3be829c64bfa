/**
 * The customer's join page (`/join`): reads the call link from the address (and removes its
 * secret part; a reload finds it again in the tab's link memory while it is valid), unlocks a password-protected link, checks expiry, and joins the room through a
 * room bridge. The page renders `view`; nothing in it touches the link codec or a room session.
 *
 * ```
 *  open ─► checking ─► link-error
 *     └──► password ──unlock──► prejoin ──join──► room ──► ended ──rejoin──► room
 *                                  ▲                └────► join-error ──retry──┘ (via prejoin)
 * ```
 * A drop (the connection or the call failed) keeps the view on `room` with `reconnecting` set and
 * joins the same room again by itself: after a back-off, or as soon as the network is back, while
 * the link is valid (./join-reconnect.ts).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { LinkError, type LinkErrorCode } from '../webcall/errors';
import { describeLinkError } from '../webcall/link-error-text';

/** The join page's link error screen describes the error at render, in the active language. */
export { describeLinkError };
import { legacyDataParam } from '../webcall/legacy';
import type { OpenedLink } from '../webcall/link';
import { createLinkMemory, type LinkMemory, type RememberedLink } from '../webcall/link-memory';
import {
  joinAddressOf,
  openJoinLink,
  stripJoinSecrets,
  type HistoryLike,
  type JoinAddress,
} from '../webcall/location';
import type { PublishedConfig } from '../webcall/trust';
import type { JoinPayload } from '../webcall/payload';
import type { RoomEndReason, RoomErrorCode } from '../webcall/rooms';
import {
  isDrop,
  isTransientJoinError,
  MAX_REJOIN_ATTEMPTS,
  rejoinDelayMs,
  type NetworkWatch,
} from './join-reconnect';
import { createRoomBridge, type RoomBridge, type RoomsPort } from './room-bridge';

export interface JoinChoices {
  displayName: string;
  audioInputId: string;
  videoInputId: string;
  /** Join with the camera off (a video link; the call view can turn it on). */
  cameraOff?: boolean;
}

export type JoinView =
  | { name: 'checking' }
  | { name: 'link-error'; code: LinkErrorCode; message: string; error: LinkError }
  | { name: 'password'; expiresAt: number }
  | { name: 'prejoin' }
  | { name: 'room' }
  | { name: 'ended'; reason: RoomEndReason | null }
  | { name: 'join-error'; error: { code: RoomErrorCode; message: string } };

export interface JoinPageState {
  view: JoinView;
  /** The opened link's contents (plain data), once readable. */
  payload: JoinPayload | null;
  /** Name and devices chosen before joining, kept for Rejoin. */
  choices: JoinChoices | null;
  /** The call dropped and the page is joining the same room again by itself. */
  reconnecting: { attempt: number; offline: boolean } | null;
}

export type UnlockResult = { ok: true } | { ok: false; message: string };

export interface JoinPage {
  useStore: UseBoundStore<StoreApi<JoinPageState>>;
  /** The customer's room: state, video and media controls. */
  room: RoomBridge;
  /**
   * Reads the link in the address (again, when another one was pasted), strips its secret from the
   * address bar, and verifies it against what this origin publishes before showing anything from it.
   */
  open(): Promise<void>;
  /** Password-protected links: a wrong password stays on the form with a message. */
  unlock(password: string): Promise<UnlockResult>;
  /** Join is the user gesture that starts media (Sendbird requires one). */
  join(choices: JoinChoices): void;
  rejoin(): void;
  /** After a failed join: back to the preview. */
  retry(): void;
  leave(): Promise<void>;
}

export interface JoinPageDeps {
  location: JoinAddress;
  history: HistoryLike;
  rooms: RoomsPort;
  /** `/api/config` of the serving origin: the signing key and servers a link may name. */
  loadConfig(): Promise<PublishedConfig>;
  formatTime(date: Date): string;
  /** Keeps the link for this tab across reloads (sessionStorage in the page); none by default. */
  linkMemory?: LinkMemory;
  now?: () => number;
  /** For rejoining after a drop; always online by default. */
  network?: NetworkWatch;
  /** Runs `run` after `ms`; returns a cancel function. */
  after?: (ms: number, run: () => void) => () => void;
}

const ALWAYS_ONLINE: NetworkWatch = { online: () => true, whenOnline: () => () => undefined };
const timeoutAfter = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** The address as it was when `link` was opened in it, so the link reads and verifies the same. */
function withLink(address: JoinAddress, link: RememberedLink): JoinAddress {
  return { ...address, ...link, href: new URL(`${link.search}${link.hash}`, address.href).href };
}

export function createJoinPage(deps: JoinPageDeps): JoinPage {
  const now = deps.now ?? Date.now;
  const memory = deps.linkMemory ?? createLinkMemory(null);
  const useStore = create<JoinPageState>()(() => ({
    view: { name: 'checking' },
    payload: null,
    choices: null,
    reconnecting: null,
  }));
  const network = deps.network ?? ALWAYS_ONLINE;
  const after = deps.after ?? timeoutAfter;
  const room = createRoomBridge(deps.rooms);
  /** The protected link's `unlock` (a closure over the ciphertext): kept here, not in the store. */
  let locked: Extract<OpenedLink, { kind: 'protected' }> | null = null;
  /** A link was read: an address without one (we stripped it) is no reason to start over. */
  let opened = false;
  /** Bumped by every open, so a slow verification of an older link cannot win. */
  let reading = 0;

  const show = (view: JoinView) => useStore.setState({ view });
  const linkError = (error: LinkError): JoinView => ({
    name: 'link-error',
    code: error.code,
    message: describeLinkError(error, deps.formatTime),
    // The view describes it again in the active language (the widget's language may come later).
    error,
  });
  /** The link's own expiry, checked again before every join (a tab left open for hours). */
  const expired = (payload: JoinPayload): JoinView | null =>
    payload.exp * 1000 >= now()
      ? null
      : linkError(new LinkError('expired', 'link expired', new Date(payload.exp * 1000)));

  /** The pending rejoin (a timer, or a wait for the network). */
  let cancelRejoin: (() => void) | null = null;
  const stopReconnecting = () => {
    cancelRejoin?.();
    cancelRejoin = null;
    if (useStore.getState().reconnecting) useStore.setState({ reconnecting: null });
  };

  /** Joins the room the page is on again after a drop: `attempt` tries have failed so far. */
  const reconnect = (attempt: number) => {
    cancelRejoin?.();
    cancelRejoin = null;
    const { payload, choices } = useStore.getState();
    if (!payload || !choices) return;
    const stale = expired(payload);
    if (stale || attempt >= MAX_REJOIN_ATTEMPTS) {
      stopReconnecting();
      if (stale) memory.forget();
      return show(stale ?? { name: 'ended', reason: 'connection-lost' });
    }
    const offline = !network.online();
    useStore.setState({ reconnecting: { attempt, offline } });
    const go = () => {
      cancelRejoin = null;
      if (useStore.getState().view.name !== 'room') return;
      // Offline while waiting (the network went again): wait for it without spending a try.
      if (!network.online()) return reconnect(attempt);
      void room.join({ payload, ...choices });
    };
    cancelRejoin = offline ? network.whenOnline(go) : after(rejoinDelayMs(attempt), go);
  };

  room.useStore.subscribe((next, before) => {
    if (useStore.getState().view.name !== 'room' || next.phase === before.phase) return;
    const { reconnecting } = useStore.getState();
    if (next.phase === 'waiting' || next.phase === 'connected') stopReconnecting();
    if (next.phase === 'ended') {
      if (isDrop(next.endReason)) return reconnect(reconnecting ? reconnecting.attempt + 1 : 0);
      stopReconnecting();
      show({ name: 'ended', reason: next.endReason });
    }
    if (next.phase === 'failed' && next.error) {
      if (reconnecting && isTransientJoinError(next.error.code)) return reconnect(reconnecting.attempt + 1);
      stopReconnecting();
      show({ name: 'join-error', error: next.error });
    }
  });

  const enter = () => {
    stopReconnecting();
    const { payload, choices } = useStore.getState();
    if (!payload || !choices) return;
    const stale = expired(payload);
    if (stale) {
      memory.forget();
      return show(stale);
    }
    show({ name: 'room' });
    void room.join({ payload, ...choices });
  };

  return {
    useStore,
    room,

    async open() {
      const hasLink = deps.location.hash.length > 1 || legacyDataParam(deps.location.search) !== null;
      if (opened && !hasLink) return;
      opened = true;
      let address = joinAddressOf(deps.location);
      stripJoinSecrets(deps.location, deps.history);
      const kept = hasLink ? null : memory.recall(now());
      if (kept) address = withLink(address, kept);
      const link: RememberedLink = {
        hash: address.hash,
        search: legacyDataParam(address.search) === null ? '' : address.search,
      };
      const run = ++reading;
      locked = null;
      stopReconnecting();
      useStore.setState({ view: { name: 'checking' }, payload: null });
      const result = await openJoinLink(address, deps.loadConfig);
      if (run !== reading) return;
      if (!result.ok) {
        // A link that cannot be checked now (server unreachable) may work after a reload; a bad one never.
        if (result.error.code !== 'unverifiable') memory.forget();
        return useStore.setState({ view: linkError(result.error), payload: null });
      }
      const value = result.value;
      memory.keep(link, value.kind === 'protected' ? value.expiresAt.getTime() : value.payload.exp * 1000);
      if (result.value.kind === 'protected') {
        locked = result.value;
        return useStore.setState({
          view: { name: 'password', expiresAt: result.value.expiresAt.getTime() },
          payload: null,
        });
      }
      useStore.setState({ view: { name: 'prejoin' }, payload: result.value.payload });
    },

    async unlock(password) {
      if (!locked) return { ok: false, message: 'There is no locked link to open.' };
      const result = await locked.unlock(password);
      if (result.ok) {
        locked = null;
        useStore.setState({ view: { name: 'prejoin' }, payload: result.value });
        return { ok: true };
      }
      const message = describeLinkError(result.error, deps.formatTime);
      if (result.error.code !== 'wrong-password') show(linkError(result.error));
      return { ok: false, message };
    },

    join(choices) {
      useStore.setState({ choices });
      enter();
    },

    rejoin: enter,

    retry() {
      const { payload } = useStore.getState();
      if (payload) show(expired(payload) ?? { name: 'prejoin' });
    },

    async leave() {
      // Leaving is deliberate: a reload after it does not bring the call back (Rejoin still does).
      memory.forget();
      stopReconnecting();
      await room.leave();
      if (useStore.getState().view.name === 'room') show({ name: 'ended', reason: 'left' });
    },
  };
}
