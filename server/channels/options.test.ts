import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { DEFAULT_CHANNELS_OPTIONS } from './options';

describe('CHANNELS / CHANNELS_DEMO', () => {
  it('reads channels from JSON and the demo switch', () => {
    const channels = [
      {
        id: 'shop-wa',
        kind: 'whatsapp',
        secret: 'sixteen-chars-secret',
        outboundUrl: 'https://gw.example/send',
      },
    ];
    expect(loadConfig({ CHANNELS: JSON.stringify(channels), CHANNELS_DEMO: '0' })).toMatchObject({
      channels: [{ ...channels[0], templates: [] }],
      channelsDemo: false,
    });
  });

  it('names the problem without printing the secrets', () => {
    const bad = JSON.stringify([
      { id: 'Shop WA', kind: 'sms', secret: 'short-but-secret', outboundUrl: 'ftp://x' },
    ]);
    let error: unknown;
    try {
      loadConfig({ CHANNELS: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(/^ {2}- CHANNELS=\(hidden, \d+ characters\)/m);
    expect(text).not.toContain('short-but-secret');
    expect(loadConfig.bind(null, { CHANNELS: 'not json' })).toThrow(/must be a JSON array of channels/);
  });

  it('CHANNELS_MEDIA_MAX_BYTES: 16 MB by default, a number within bounds, else a named error', () => {
    expect(DEFAULT_CHANNELS_OPTIONS.channelMediaMaxBytes).toBe(16_000_000);
    expect(loadConfig({}).channelMediaMaxBytes).toBeUndefined();
    expect(loadConfig({ CHANNELS_MEDIA_MAX_BYTES: '50000000' }).channelMediaMaxBytes).toBe(50_000_000);
    for (const bad of ['lots', '12.5', '100', '200000000'])
      expect(loadConfig.bind(null, { CHANNELS_MEDIA_MAX_BYTES: bad })).toThrow(/CHANNELS_MEDIA_MAX_BYTES/);
  });
});
