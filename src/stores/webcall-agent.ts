/**
 * The agent's webcall panel state: ask the server for a room, build (and encrypt, in this browser)
 * the customer's link, then wait for the customer. On the SIP path the customer's call arrives at the
 * agent's own registered phone and is answered automatically only while this store waits for that
 * room (a subscriber to the calls store, so the phone bridge needs no change); on Sendbird the agent
 * enters the room with its own credentials, through a room bridge that owns the session.
 */
import { t } from '@lingui/core/macro';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type {
  WebcallConfig,
  WebcallRoom,
  WebcallRoomRequest,
  WebcallSendRequest,
  WebcallSendResult,
} from '../api/schemas';
import { resolveWebSocketUrl } from '../lib/ws-url';
import { CallState, type CallSnapshot } from '../phone/types';
import type { EncodeOptions, SignedPayload } from '../webcall/link';
import { suggestPassword } from '../lib/password';
import type { CallMedia, JoinPayload } from '../webcall/payload';
import type { CallsState } from './calls';
import { errorMessage } from '../lib/errors';
import { isGuestOfRoom } from '../lib/guest-name';
import { createRoomBridge, type RoomBridge, type RoomsPort } from './room-bridge';

export type WebcallPhase = 'idle' | 'creating' | 'waiting' | 'connected' | 'ended' | 'stopped';

export interface WebcallLink {
  url: string;
  password: string;
  roomId: string;
  provider: 'sip' | 'sendbird';
  /** Epoch ms. */
  expiresAt: number;
  customerName: string;
  agentName: string;
  /** Customer's phone number for SMS / WhatsApp / channel, if typed. */
  phone: string;
  /** An audio-only call or a video call (ADR 0026); absent means video. */
  media?: CallMedia;
}

export interface CreateInput {
  customerName: string;
  ticket: string;
  phone: string;
  password: string;
  expiresInS: number;
  /** Video (the default) or audio only; travels in the signed link. */
  media?: CallMedia;
}

export interface WebcallAgentState {
  config: WebcallConfig | null;
  phase: WebcallPhase;
  error: string | null;
  link: WebcallLink | null;
  /** The SIP call with the customer (answered automatically). */
  callId: string | null;
  /** The agent is in the Sendbird room (its session lives in the room bridge, not here). */
  inRoom: boolean;
  remotePresent: boolean;
  /** Last "Send via channel" outcome, shown next to the button. */
  sendNote: string | null;
}

export interface WebcallAgentDeps {
  api: {
    config(): Promise<WebcallConfig>;
    createRoom(request: WebcallRoomRequest): Promise<WebcallRoom>;
    send(roomId: string, request: WebcallSendRequest): Promise<WebcallSendResult>;
    /** Ends the room on the server: the customer's link stops working. */
    close(roomId: string): Promise<unknown>;
  };
  encodeLink(signed: SignedPayload, options: EncodeOptions): Promise<string>;
  /** Answers a call through the phone bridge (with video). */
  answer(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  calls: Pick<StoreApi<CallsState>, 'getState' | 'subscribe'>;
  /** Sendbird rooms: the agent enters with its own credentials. */
  rooms: RoomsPort;
  location: { origin: string; href: string };
  now?: () => number;
}

export interface WebcallAgent {
  useStore: UseBoundStore<StoreApi<WebcallAgentState>>;
  /** The agent's room (Sendbird): its state, video and media controls. */
  room: RoomBridge;
  loadConfig(): Promise<void>;
  create(input: CreateInput): Promise<void>;
  send(channel: 'sms' | 'whatsapp', message: string): Promise<void>;
  /** Leave the Sendbird room / hang up the SIP call and stop answering. */
  stop(): Promise<void>;
  /** Back to the empty form. */
  reset(): Promise<void>;
  /** A random link password that is easy to read out. */
  suggestPassword(): string;
  dispose(): void;
}

const INITIAL: WebcallAgentState = {
  config: null,
  phase: 'idle',
  error: null,
  link: null,
  callId: null,
  inRoom: false,
  remotePresent: false,
  sendNote: null,
};

/** The customer's link payload for a room the server prepared. */
export function payloadFromRoom(
  room: WebcallRoom,
  customerName: string,
  base: { href: string },
): JoinPayload {
  const common = {
    exp: Math.floor(room.expiresAt / 1000),
    roomId: room.roomId,
    agentName: room.agentName.trim() || undefined,
    customerName: customerName.trim() || undefined,
    ...(room.media === 'audio' ? { media: 'audio' as const } : {}),
  };
  if (room.provider === 'sip') {
    return {
      provider: 'sip',
      ...common,
      sip: {
        wsUrl: resolveWebSocketUrl(room.sip.wsUrl, base),
        domain: room.sip.domain,
        username: room.sip.username,
        password: room.sip.password,
        target: room.sip.target,
        ...(room.sip.iceServers.length > 0 ? { iceServers: room.sip.iceServers } : {}),
      },
    };
  }
  return {
    provider: 'sendbird',
    ...common,
    sendbird: {
      appId: room.sendbird.appId,
      userId: room.sendbird.customer.userId,
      accessToken: room.sendbird.customer.accessToken,
    },
  };
}

/** The caller is this room's guest (`webcall.<roomId>.<agent>`). */
export function isRoomGuest(call: CallSnapshot, roomId: string): boolean {
  return isGuestOfRoom(call.remoteUser, roomId);
}

export function createWebcallAgent(deps: WebcallAgentDeps): WebcallAgent {
  const useStore = create<WebcallAgentState>()(() => INITIAL);
  const now = deps.now ?? Date.now;
  const set = (patch: Partial<WebcallAgentState>) => useStore.setState(patch);

  /** Auto-answer: only calls from this room's guest, only while waiting for the customer. */
  const onCalls = (calls: CallsState) => {
    const { link, phase, callId } = useStore.getState();
    if (!link || link.provider !== 'sip') return;
    if (callId) {
      const call = calls.calls[callId];
      if (call?.state === CallState.Active && phase !== 'connected')
        set({ phase: 'connected', remotePresent: true });
      if (!call || call.state === CallState.Ended)
        set({ phase: 'ended', callId: null, remotePresent: false });
      return;
    }
    if ((phase !== 'waiting' && phase !== 'ended') || link.expiresAt < now()) return;
    const incoming = Object.values(calls.calls).find(
      (c) => c.state === CallState.Incoming && isRoomGuest(c, link.roomId),
    );
    if (!incoming) return;
    set({ callId: incoming.id });
    deps
      .answer(incoming.id)
      .catch((error: unknown) => set({ error: t`Could not answer the customer: ${errorMessage(error)}` }));
  };
  const unsubscribe = deps.calls.subscribe(onCalls);

  const room = createRoomBridge(deps.rooms);
  /** The agent's Sendbird room drives the panel's phase while a Sendbird link is out. */
  const unsubscribeRoom = room.useStore.subscribe((next, before) => {
    if (useStore.getState().link?.provider !== 'sendbird') return;
    const phase = useStore.getState().phase;
    set({ inRoom: next.live, remotePresent: next.remotePresent });
    if (next.phase === before.phase) return;
    if (next.phase === 'connected') set({ phase: 'connected' });
    if (next.phase === 'waiting' && phase === 'connected') set({ phase: 'ended' });
    if (next.phase === 'ended') set({ phase: phase === 'stopped' ? 'stopped' : 'ended' });
  });

  const leaveAll = async () => {
    const { callId } = useStore.getState();
    await room.leave();
    if (callId) await deps.hangup(callId).catch(() => undefined);
  };

  const enterAsAgent = async (
    created: Extract<WebcallRoom, { provider: 'sendbird' }>,
    customerName: string,
  ) => {
    const payload = payloadFromRoom(created, customerName, deps.location);
    if (payload.provider !== 'sendbird') return;
    const joined = await room.join({
      payload: { ...payload, sendbird: { ...payload.sendbird, ...created.sendbird.agent } },
      displayName: created.agentName,
    });
    if (!joined) throw new Error(room.useStore.getState().error?.message ?? 'joining failed');
  };

  return {
    useStore,
    room,

    async loadConfig() {
      try {
        set({ config: await deps.api.config() });
      } catch {
        set({ config: null });
      }
    },

    async create(input) {
      if (useStore.getState().phase === 'creating') return;
      await leaveAll();
      set({ ...INITIAL, config: useStore.getState().config, phase: 'creating' });
      try {
        const room = await deps.api.createRoom({
          customerName: input.customerName.trim() || undefined,
          ticket: input.ticket.trim() || undefined,
          expiresInS: input.expiresInS,
          media: input.media ?? 'video',
        });
        // The server signed the customer's payload; the link carries it byte for byte.
        const url = await deps.encodeLink(room.link, {
          origin: deps.location.origin,
          password: input.password || undefined,
        });
        set({
          phase: 'waiting',
          link: {
            url,
            password: input.password,
            roomId: room.roomId,
            provider: room.provider,
            expiresAt: room.expiresAt,
            customerName: input.customerName.trim(),
            agentName: room.agentName,
            phone: input.phone.trim(),
            media: room.media ?? 'video',
          },
        });
        if (room.provider === 'sendbird') {
          await enterAsAgent(room, input.customerName).catch((error: unknown) =>
            set({ error: t`The link works, but you could not enter the room: ${errorMessage(error)}` }),
          );
        } else onCalls(deps.calls.getState());
      } catch (error) {
        set({ phase: 'idle', error: errorMessage(error) });
      }
    },

    async send(channel, text) {
      const link = useStore.getState().link;
      if (!link) return;
      set({ sendNote: t`Sending…` });
      try {
        await deps.api.send(link.roomId, {
          channel,
          channelId: link.phone,
          contactName: link.customerName || undefined,
          message: text,
        });
        set({
          sendNote:
            channel === 'sms'
              ? t`Sent by SMS through the messaging channel.`
              : t`Sent by WhatsApp through the messaging channel.`,
        });
      } catch (error) {
        set({ sendNote: t`Not sent: ${errorMessage(error)}` });
      }
    },

    async stop() {
      set({ phase: 'stopped' });
      const link = useStore.getState().link;
      // Best effort: the link expires anyway; a failed close must not keep the agent in the room.
      if (link) await deps.api.close(link.roomId).catch(() => undefined);
      await leaveAll();
      set({ inRoom: false, callId: null, remotePresent: false });
    },

    async reset() {
      await leaveAll();
      set({ ...INITIAL, config: useStore.getState().config });
    },

    suggestPassword: () => suggestPassword(),

    dispose() {
      unsubscribe();
      unsubscribeRoom();
      room.dispose();
    },
  };
}
