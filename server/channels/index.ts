/**
 * Bring your own channel (issue 14, ADR 0020): wiring of the store, the conversation service, the
 * agent routes, the inbound webhook plugin and (with CHANNELS_DEMO) the demo channel + fake provider.
 */
import { AttachmentStore } from '../chat/attachment-store';
import { isLoopbackHost } from '../config';
import type { Db } from '../db';
import type { Logger } from '../log';
import { WebcallAudit } from '../webcall/audit';
import { CallWatch } from './call-watch';
import { ConversationEventHub } from './events';
import { FakeProvider } from './fake-provider';
import { channelsInbound } from './inbound';
import { DEMO_CHANNEL, type ChannelsOptions } from './options';
import { channelRoutes } from './routes';
import { ChannelService } from './service';
import { ChannelStore } from './store';

export interface ChannelsDeps {
  db: Db;
  options: ChannelsOptions & { host: string; apiRateLimitPerMinute: number };
  log: Logger;
  isAgent(username: string): boolean;
  isRegistered(username: string): boolean;
  agents(): string[];
  baseUrl(): string;
  /**
   * Customers' files and agents' uploads (ADR 0029): the data directory of the attachment store
   * (ADR 0024) and its limits. Absent: files stay links and agents cannot send files.
   */
  attachments?: { dataDir: string; maxBytes: number; quotaBytes: number; maxAgeMs: number };
  /**
   * Users `username` is in a confirmed call with (the embedded SIP proxy): the call timeline. Absent
   * (Kamailio): the agents' apps report their rooms' calls instead (ADR 0034).
   */
  callPeers?(username: string): string[];
  /** Tells the listener of each call beginning or ending on the embedded proxy, as it happens. */
  onCallChange?(listener: (parties: [string, string]) => void): () => void;
  /**
   * How often the timeline looks for what no call change tells: expired links, and calls whose end
   * the server missed (a restart). Default 1000 ms; 0: only by hand, in tests.
   */
  callWatchIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

/** CHANNELS_DEMO, or by default: on when the server listens on loopback only. */
export function channelsDemoEnabled(o: { channelsDemo: boolean | undefined; host: string }): boolean {
  return o.channelsDemo ?? isLoopbackHost(o.host);
}

export function createChannels(d: ChannelsDeps) {
  const demo = channelsDemoEnabled(d.options);
  const store = new ChannelStore(d.db);
  store.configure([...(demo ? [DEMO_CHANNEL] : []), ...d.options.channels]);
  const events = new ConversationEventHub();
  const a = d.attachments;
  const attachments = a
    ? new AttachmentStore(d.db, a.dataDir, { quotaBytes: a.quotaBytes, maxAgeMs: a.maxAgeMs })
    : undefined;
  const service = new ChannelService({
    store,
    events,
    log: d.log,
    isAgent: d.isAgent,
    isRegistered: d.isRegistered,
    agents: d.agents,
    baseUrl: d.baseUrl,
    retryDelaysMs: d.options.channelRetryDelaysMs,
    ...(attachments && a
      ? { attachments, mediaMaxBytes: a.maxBytes, playableMaxBytes: d.options.channelMediaMaxBytes }
      : {}),
    ...(d.fetchImpl ? { fetchImpl: d.fetchImpl } : {}),
  });
  const fake = demo ? new FakeProvider() : undefined;
  const callPeers = d.callPeers;
  const calls = new CallWatch({
    store,
    ...(callPeers ? { callPeers } : {}),
    changed: (id) => service.changed(id),
  });
  const stopCallChanges = d.onCallChange?.((parties) => calls.callChanged(parties));
  const intervalMs = d.callWatchIntervalMs ?? 1000;
  const watchTimer = intervalMs > 0 ? setInterval(() => calls.tick(), intervalMs) : undefined;
  watchTimer?.unref();
  return {
    store,
    service,
    events,
    fake,
    calls,
    routes: channelRoutes({ service, events, calls, audit: new WebcallAudit(d.db), isAgent: d.isAgent }),
    inbound: channelsInbound({
      store,
      service,
      rateLimitPerMinute: d.options.apiRateLimitPerMinute * 10,
      ...(fake ? { fake } : {}),
    }),
    async close(): Promise<void> {
      clearInterval(watchTimer);
      stopCallChanges?.();
      events.close();
      await service.settled();
    },
  };
}
export type Channels = ReturnType<typeof createChannels>;
