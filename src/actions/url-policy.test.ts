import { describe, expect, it } from 'vitest';
import { checkRedirectUrl } from './url-policy';

const origin = 'https://app.example';
const ext = (url: string) => checkRedirectUrl(url, { external: true, origin });
const int = (url: string) => checkRedirectUrl(url, { external: false, origin });

describe('redirect URL policy', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM/x'])(
    'opens %s',
    (url) => {
      expect(ext(url).ok).toBe(true);
    },
  );

  it.each([
    ['javascript:alert(1)', /not "javascript:"/],
    ['JaVaScRiPt:alert(1)', /not "javascript:"/],
    ['  javascript:alert(1)', /not "javascript:"/],
    ['java\tscript:alert(1)', /control characters/],
    ['java\nscript:alert(1)', /control characters/],
    ['data:text/html,<script>alert(1)</script>', /not "data:"/],
    ['vbscript:msgbox', /not "vbscript:"/],
    ['file:///etc/passwd', /not "file:"/],
    ['blob:https://app.example/uuid', /not "blob:"/],
    ['ftp://example.com', /not "ftp:"/],
    ['//evil.example/x', /absolute http\(s\) URL/],
    ['/relative', /absolute http\(s\) URL/],
    ['https://user:pw@example.com', /credentials/],
    ['', /empty/],
    [`https://example.com/${'a'.repeat(5000)}`, /too long/],
  ])('refuses %j', (url, message) => {
    const result = ext(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('internal links resolve against the app and must stay on it', () => {
    expect(int('/history')).toEqual({ ok: true, url: 'https://app.example/history' });
    expect(int('https://app.example/agent?x=1')).toEqual({ ok: true, url: 'https://app.example/agent?x=1' });
    expect(int('//evil.example/x').ok).toBe(false);
    expect(int('https://evil.example').ok).toBe(false);
    expect(int('javascript:alert(1)').ok).toBe(false);
  });
});
