import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      sipDomain: 'openline.local',
      dataDir: './data',
      demoPassword: 'openline',
      staticDir: 'dist',
      logLevel: 'info',
      trustProxy: false,
      apiRateLimitPerMinute: 600,
      maxEventLoopDelayMs: 1000,
    });
  });

  it('reads and normalizes values', () => {
    const c = loadConfig({
      PORT: '0',
      SIP_DOMAIN: 'Example.COM',
      LOG_LEVEL: 'debug',
      DEMO_PASSWORD: 'x y',
      HOST: '::1',
    });
    expect(c).toMatchObject({
      port: 0,
      sipDomain: 'example.com',
      logLevel: 'debug',
      demoPassword: 'x y',
      host: '::1',
    });
  });

  it('lists every bad value with its variable name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SIP_DOMAIN: 'not a domain', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('SIP_DOMAIN="not a domain"');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '80.5' })).toThrow(/PORT/);
  });
});
