import { beforeEach, describe, expect, it } from 'vitest';
import type { VoicemailApi, VoicemailMessage } from '../api';
import { useTabBadges } from './tab-badges';
import { memoryVoicemailCache } from '../storage/voicemail-cache-repository';
import { createVoicemailInbox } from './voicemail';

const message = (id: string, heard = false): VoicemailMessage => ({
  id,
  caller: '1001',
  callerName: 'Ada Agent',
  callId: `c-${id}`,
  durationMs: 3000,
  receivedAt: 1_700_000_000_000,
  heard,
  mediaType: 'audio/ogg',
  sizeBytes: 1000,
});

function fakeApi(): VoicemailApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    list: (cursor) => {
      calls.push(`list ${cursor ?? ''}`);
      return Promise.resolve(
        cursor
          ? { messages: [message('c', true)], next: null, counts: { unheard: 2, heard: 1 } }
          : { messages: [message('a'), message('b')], next: 'n1', counts: { unheard: 2, heard: 1 } },
      );
    },
    markHeard: (id) => {
      calls.push(`heard ${id}`);
      return Promise.resolve({ unheard: 1, heard: 2 });
    },
    remove: (id) => {
      calls.push(`delete ${id}`);
      return Promise.resolve({ unheard: 0, heard: 2 });
    },
  };
}

describe('voicemail inbox store', () => {
  beforeEach(() => useTabBadges.setState({ counts: {} }));

  it("loads pages and keeps the tab badge at the server's unheard count", async () => {
    const api = fakeApi();
    const inbox = createVoicemailInbox(api);
    await inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({ status: 'ready', next: 'n1' });
    expect(useTabBadges.getState().counts.voicemail).toBe(2);
    await inbox.loadMore();
    expect(inbox.useStore.getState().messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    await inbox.markHeard('a');
    await inbox.markHeard('a'); // already heard: no second request
    expect(inbox.useStore.getState().messages[0]!.heard).toBe(true);
    expect(useTabBadges.getState().counts.voicemail).toBe(1);
    await inbox.remove('b');
    expect(inbox.useStore.getState().messages.map((m) => m.id)).toEqual(['a', 'c']);
    expect(useTabBadges.getState().counts.voicemail ?? 0).toBe(0);
    expect(api.calls).toEqual(['list ', 'list n1', 'heard a', 'delete b']);
  });

  it("keeps the server's answer as it is, and marks a failure that never reached the server", async () => {
    const refused = Object.assign(new Error('Voicemail is not enabled for this account'), { status: 403 });
    const unreachable = Object.assign(new Error('Cannot reach the server: Failed to fetch'), {
      status: null,
    });
    let failure: Error = refused;
    const inbox = createVoicemailInbox({ ...fakeApi(), list: () => Promise.reject(failure) });
    await inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({
      status: 'error',
      error: 'Voicemail is not enabled for this account',
      unreachable: false,
    });
    failure = unreachable;
    await inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({ status: 'error', unreachable: true });
    // A load that starts clears it.
    failure = refused;
    const loading = inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({ status: 'loading', unreachable: false });
    await loading;
  });

  it('offline: shows the copy saved for this account, marked with when it was saved', async () => {
    const cache = memoryVoicemailCache();
    let account: string | null = '1002@openline.local';
    let online = true;
    const api = fakeApi();
    const inbox = createVoicemailInbox(
      { ...api, list: (cursor) => (online ? api.list(cursor) : Promise.reject(new Error('offline'))) },
      { cache, account: () => account, now: () => 42 },
    );
    await inbox.load();
    expect(inbox.useStore.getState().savedAt).toBeNull();

    online = false;
    useTabBadges.setState({ counts: {} });
    inbox.reset();
    await inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({
      status: 'ready',
      error: null,
      savedAt: 42,
      next: null,
    });
    expect(inbox.useStore.getState().messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(useTabBadges.getState().counts.voicemail).toBe(2);

    // Another account on this device has no copy: the error, not someone else's messages.
    account = '1003@openline.local';
    inbox.reset();
    await inbox.load();
    expect(inbox.useStore.getState()).toMatchObject({ status: 'error', messages: [], savedAt: null });
  });
});
