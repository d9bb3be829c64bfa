/**
 * Room conversations wired to the browser: the customer's (guest token from the link's chat key, guest
 * id kept per room in this tab) and the agent's (session cookie).
 */
import { openGuestChat, roomChatApi } from '../api/webcall-chat';
import type { PreChatAnswers } from '../api/pre-chat';
import type { ChatGuestInfo } from '../api/webcall-chat-schemas';
import { browserOf, platformOf } from '../lib/device-info';
import { createGuestIdMemory } from '../webcall/chat-guest-memory';
import { sessionLinkStorage } from '../webcall/link-memory';
import { browserNetwork } from './join-reconnect';
import { createRoomChat, type RoomChat } from './room-chat';

export type RoomChatOf = RoomChat & { roomId: string };

/** What the customer's page tells the agent: language, platform, browser, screen size. */
export function describeThisDevice(): ChatGuestInfo {
  const ua = navigator.userAgent;
  const locale = navigator.language;
  const platform = platformOf(ua);
  const browser = browserOf(ua);
  const { width, height } = window.screen;
  return {
    ...(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/.test(locale) ? { locale } : {}),
    ...(platform ? { platform } : {}),
    ...(browser ? { browser } : {}),
    ...(width > 0 && height > 0 ? { screen: { width, height } } : {}),
  };
}

/**
 * `maxRetryDelayMs`: the join page's reconnect time (widget setting); `preChat`: the customer's pre-chat
 * answers, sent with every (re)opening of the guest session.
 */
export function createGuestRoomChat(
  roomId: string,
  chatKey: string,
  maxRetryDelayMs?: number,
  preChat: PreChatAnswers | null = null,
): RoomChat {
  const memory = createGuestIdMemory(sessionLinkStorage());
  return createRoomChat({
    me: 'guest',
    network: browserNetwork(window),
    ...(maxRetryDelayMs ? { maxRetryDelayMs } : {}),
    async connect() {
      const session = await openGuestChat(
        roomId,
        chatKey,
        memory.recall(roomId),
        describeThisDevice(),
        preChat,
      );
      memory.keep(roomId, session.guestId);
      return roomChatApi(roomId, () => ({ Authorization: `Guest ${session.token}` }));
    },
  });
}

export function createAgentRoomChat(roomId: string): RoomChatOf {
  const chat = createRoomChat({
    me: 'agent',
    network: browserNetwork(window),
    open: true,
    connect: () => Promise.resolve(roomChatApi(roomId, () => ({}))),
  });
  return { ...chat, roomId };
}
