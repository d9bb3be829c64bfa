import { channelsApi, CHANNEL_EVENTS_URL } from '../api/channels';
import { attachmentsApi } from '../api/attachments';
import { createChannelConversations } from './channel-conversations';
import { appHttp } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';
import { createRoomCallReports } from './room-call-reports';
import { webcallAgent } from './webcall-agent-instance';

const http = appHttp();

/** The app's one Conversations panel state (loaded with the Agent tab, not in the shell). */
const attachments = attachmentsApi(http);
const api = channelsApi(http);

/** The call of a room sent on a conversation, told to the server for its timeline (ADR 0034). */
const callReports = createRoomCallReports({
  agent: webcallAgent.useStore,
  report: (roomId, event) => api.reportCall(roomId, event),
  failed: (error) => console.warn('Openline: could not tell the server about the webcall', error),
});

export const channelConversations = createChannelConversations(
  api,
  {
    async create(customerName, phone) {
      await webcallAgent.create({ customerName, ticket: '', phone, password: '', expiresInS: 3600 });
      const link = webcallAgent.useStore.getState().link;
      return link ? { roomId: link.roomId, url: link.url } : null;
    },
    sent: (roomId) => callReports.follow(roomId),
  },
  {
    // A file for a channel customer is uploaded to the agent themself (ADR 0029): only they, and the
    // provider through the link the server sends, can fetch it.
    upload(file, name) {
      const me = useRegistrationStore.getState().account?.split('@')[0] ?? '';
      return attachments.upload(file, name, me);
    },
  },
);

/**
 * Live updates while the panel is open: the server's `conversation` events reload what changed.
 * An open stream also tells the router this agent is available. Returns the closer.
 */
export function followConversations(): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(CHANNEL_EVENTS_URL);
  channelConversations.streamChanged('connecting');
  // `ready` is the server's first frame, written once it holds the stream (server/channels/events.ts).
  source.addEventListener('ready', () => {
    channelConversations.streamChanged('live');
    void channelConversations.load();
  });
  // The browser retries by itself (`retry: 5000`); CLOSED means it gave up (a refusal such as 429).
  source.addEventListener('error', () =>
    channelConversations.streamChanged(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting'),
  );
  source.addEventListener('conversation', (event) => {
    try {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id?: unknown };
      if (typeof id === 'number') void channelConversations.changed(id);
    } catch {
      // Not ours: ignore.
    }
  });
  return () => {
    source.close();
    channelConversations.streamChanged('off');
  };
}

// Another account's conversations never stay on screen.
useRegistrationStore.subscribe((state, previous) => {
  if (state.account !== previous.account) channelConversations.reset();
});
