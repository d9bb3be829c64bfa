/**
 * The app's one chat service (module-level like the other instances, ADR 0004), bound to the phone
 * engine once per page: the engine's sink stores incoming messages, its typing and receipt events
 * update the open conversation, and a message that arrives while the page is hidden shows a
 * notification (through the service worker) that opens the conversation.
 */
import { showChatNotification } from '../lib/notifications';
import { createIdbChatRepository, unavailableChatRepository } from '../storage/chat-repository';
import { createChatService } from './chat';
import { phoneBridge, platformApi } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';

const pageVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

export const chatService = createChatService({
  repo:
    typeof indexedDB === 'undefined'
      ? unavailableChatRepository('This browser cannot store messages (no IndexedDB)')
      : createIdbChatRepository(),
  engine: () => phoneBridge.chat().api,
  account: () => useRegistrationStore.getState().account,
  pageVisible,
  notify: (conversation, message) => {
    if (pageVisible()) return; // in the app: the badge and the list say it
    void showChatNotification(conversation.peer, conversation.peerName || conversation.peer, message.body);
  },
  newId: () => crypto.randomUUID(),
  uploadAttachment: (file, name, to) => platformApi.attachments.upload(file, name, to),
  origin: () => window.location.origin,
  fetchHistory: (peer, limit, before) =>
    platformApi.messageHistory.page({ peer: peer ?? undefined, limit, ...(before ? { before } : {}) }),
});

let bound = false;

/** Once per page (app startup): connects the service to the engine, the account and the page. */
export function bindChat(): void {
  if (bound) return;
  bound = true;
  const link = phoneBridge.chat();
  link.api.setChatSink((message) => chatService.receive(message));
  link.on('chatComposing', (peer, active, holdMs) => chatService.composing(peer, active, holdMs));
  link.on('chatReceipt', (peer, id, status) => void chatService.receipt(peer, id, status));
  document.addEventListener('visibilitychange', () => {
    if (pageVisible()) chatService.pageShown();
  });
  // Another account's conversations never stay on screen; the new account's unread count shows at once.
  useRegistrationStore.subscribe((state, previous) => {
    if (state.account === previous.account) return;
    chatService.reset();
    void chatService.load();
  });
  void chatService.load();
}
