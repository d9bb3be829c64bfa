/**
 * Room conversations wired to the browser: the customer's (guest token from the link's chat key, guest
 * id kept per room in this tab) and the agent's (session cookie).
 */
import { openGuestChat, roomChatApi } from '../api/webcall-chat';
import { createGuestIdMemory } from '../webcall/chat-guest-memory';
import { sessionLinkStorage } from '../webcall/link-memory';
import { browserNetwork } from './join-reconnect';
import { createRoomChat, type RoomChat } from './room-chat';

export type RoomChatOf = RoomChat & { roomId: string };

export function createGuestRoomChat(roomId: string, chatKey: string): RoomChat {
  const memory = createGuestIdMemory(sessionLinkStorage());
  return createRoomChat({
    me: 'guest',
    network: browserNetwork(window),
    async connect() {
      const session = await openGuestChat(roomId, chatKey, memory.recall(roomId));
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
