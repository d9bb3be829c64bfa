import { describe, expect, it } from 'vitest';
import { connectSources, contentSecurityPolicy } from './security';

const embedded = { sipServer: 'embedded', sipWsUrl: '', sendbirdAppId: '' } as const;

describe('CSP connect-src', () => {
  it("is only 'self' for the embedded SIP server without Sendbird (the /sip WebSocket is same-origin)", () => {
    expect(connectSources(embedded)).toEqual(["'self'"]);
    expect(contentSecurityPolicy(connectSources(embedded))).toContain("connect-src 'self';");
  });

  it('adds the external SIP WebSocket origin, not its path, and nothing broader', () => {
    const sources = connectSources({
      ...embedded,
      sipServer: 'external',
      sipWsUrl: 'wss://sip.example.com:8443/ws?x=1',
    });
    expect(sources).toEqual(["'self'", 'wss://sip.example.com:8443']);
    const csp = contentSecurityPolicy(sources);
    expect(csp).not.toMatch(/connect-src[^;]*\b(ws:|wss:)(\s|;)/);
  });

  it('ignores SIP_WS_URL in embedded mode and a URL that is not a WebSocket URL', () => {
    expect(connectSources({ ...embedded, sipWsUrl: 'wss://elsewhere.example' })).toEqual(["'self'"]);
    expect(connectSources({ ...embedded, sipServer: 'external', sipWsUrl: 'https://x.example' })).toEqual([
      "'self'",
    ]);
  });

  it('adds the third-party SIP servers the operator lists (SIP_WS_ORIGINS), and any wss: server for *', () => {
    expect(
      connectSources({
        ...embedded,
        sipWsOrigins: ['wss://pbx.example.com:8089', 'ws://10.0.0.5:8088', 'wss://pbx.example.com:8089'],
      }),
    ).toEqual(["'self'", 'wss://pbx.example.com:8089', 'ws://10.0.0.5:8088']);
    expect(connectSources({ ...embedded, sipWsOrigins: ['*'] })).toEqual(["'self'", 'wss:']);
    expect(contentSecurityPolicy(connectSources({ ...embedded, sipWsOrigins: ['*'] }))).toContain(
      "connect-src 'self' wss:;",
    );
  });

  it("lists Sendbird's hosts only when Sendbird rooms are configured", () => {
    expect(connectSources({ ...embedded, sendbirdAppId: 'APP-1' })).toEqual([
      "'self'",
      'https://*.sendbird.com',
      'wss://*.sendbird.com',
    ]);
  });

  it('never allows inline scripts or styles', () => {
    const csp = contentSecurityPolicy(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("script-src 'self'");
  });
});
