import { describe, expect, it } from 'vitest';
import { ApiClientError, type VoicemailSettingsApi } from '../api';
import type { VoicemailSettings } from '../api/voicemail-schemas';
import { createVoicemailSettingsStore, greetingFileProblem } from './voicemail-settings';

const base: VoicemailSettings = {
  enabled: true,
  noAnswerS: null,
  defaultNoAnswerMs: 20_000,
  greeting: 'default',
};

function fakeApi(): VoicemailSettingsApi & { calls: string[] } {
  const calls: string[] = [];
  let current = base;
  return {
    calls,
    get: () => Promise.resolve(current),
    save: (update) => {
      calls.push(`save ${JSON.stringify(update)}`);
      current = { ...current, ...update };
      return Promise.resolve(current);
    },
    uploadGreeting: (_file, name) => {
      calls.push(`upload ${name}`);
      if (name === 'long.ogg')
        return Promise.reject(
          new ApiClientError('Use an Ogg Opus file (.ogg/.opus), up to 30 s: this one is 31 s long.', 415),
        );
      current = { ...current, greeting: 'custom' };
      return Promise.resolve(current);
    },
    removeGreeting: () => {
      calls.push('remove');
      current = { ...current, greeting: 'default' };
      return Promise.resolve(current);
    },
  };
}

const file = (name: string, type: string, size = 100) => new File([new Uint8Array(size)], name, { type });

describe('voicemail settings store', () => {
  it('loads, saves the time or off, and bumps the greeting version on upload and reset', async () => {
    const api = fakeApi();
    const store = createVoicemailSettingsStore(api);
    await store.getState().load();
    expect(store.getState().settings).toEqual(base);
    await store.getState().save(true, 10);
    await store.getState().save(false, 10);
    expect(store.getState().settings).toMatchObject({ enabled: false, noAnswerS: 10 });
    await store.getState().upload(file('hello.opus', ''));
    expect(store.getState()).toMatchObject({
      greetingVersion: 1,
      error: null,
      settings: { greeting: 'custom' },
    });
    await store.getState().restoreDefaultGreeting();
    expect(store.getState()).toMatchObject({ greetingVersion: 2, settings: { greeting: 'default' } });
    expect(api.calls).toEqual([
      'save {"enabled":true,"noAnswerS":10}',
      'save {"enabled":false,"noAnswerS":10}',
      'upload hello.opus',
      'remove',
    ]);
  });

  it('refuses other file types and big files before uploading, and shows the server’s reason', async () => {
    const api = fakeApi();
    const store = createVoicemailSettingsStore(api);
    await store.getState().upload(file('greeting.mp3', 'audio/mpeg'));
    expect(store.getState().error).toBe('Use an Ogg Opus file (.ogg/.opus), up to 30 s.');
    await store.getState().upload(file('big.ogg', 'audio/ogg', 1024 * 1024 + 1));
    expect(store.getState().error).toContain('at most 1 MiB');
    expect(api.calls).toEqual([]);
    await store.getState().upload(file('long.ogg', 'audio/ogg'));
    expect(store.getState().error).toBe(
      'Could not use this greeting: Use an Ogg Opus file (.ogg/.opus), up to 30 s: this one is 31 s long.',
    );
  });

  it('accepts .ogg/.opus by name or type', () => {
    expect(greetingFileProblem({ name: 'a.OGG', type: '', size: 5 })).toBeNull();
    expect(greetingFileProblem({ name: 'blob', type: 'audio/ogg; codecs=opus', size: 5 })).toBeNull();
    expect(greetingFileProblem({ name: 'a.wav', type: 'audio/wav', size: 5 })).not.toBeNull();
  });
});
