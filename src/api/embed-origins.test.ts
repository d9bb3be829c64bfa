import { describe, expect, it } from 'vitest';
import { embedOriginProblem } from './embed-origins';
import { DEFAULT_WEBPHONE_CONFIG, WebphoneConfig } from './webphone-schemas';

describe('embedOriginProblem', () => {
  it.each([
    'https://desk.example.com',
    'https://crm.example.com:8443',
    'http://localhost:3000',
    'http://127.0.0.1:18302',
    'http://[::1]:8080',
  ])('accepts %s', (origin) => expect(embedOriginProblem(origin)).toBeNull());

  it.each([
    ['https://*.example.com', /wildcard/],
    ['*', /wildcard/],
    ['desk.example.com', /Not an origin/],
    ['', /Not an origin/],
    ['http://desk.example.com', /https/],
    ['ftp://desk.example.com', /https/],
    ['javascript:alert(1)', /https/],
    ['https://desk.example.com/tickets', /no path/],
    ['https://desk.example.com/', /as the browser does: https:\/\/desk.example.com$/],
    ['https://desk.example.com?x=1', /no path/],
    ['https://desk.example.com#x', /no path/],
    ['https://user:pw@desk.example.com', /user name/],
    ['https://Desk.Example.com', /as the browser does: https:\/\/desk.example.com/],
    ['https://desk.example.com:443', /as the browser does/],
    ["https://a.example.com 'unsafe-inline'", /.+/],
    ['https://a.example.com;script-src *', /.+/],
  ])('refuses %s', (origin, why) => expect(embedOriginProblem(origin)).toMatch(why));
});

describe('WebphoneConfig.embed', () => {
  const withOrigins = (allowedOrigins: unknown) => ({
    ...DEFAULT_WEBPHONE_CONFIG,
    embed: { allowedOrigins },
  });

  it('defaults to not embeddable for a configuration saved before embedding existed', () => {
    const { embed: _, ...old } = DEFAULT_WEBPHONE_CONFIG;
    expect(WebphoneConfig.parse(old).embed.allowedOrigins).toEqual([]);
  });

  it('keeps valid origins, trimmed', () => {
    const parsed = WebphoneConfig.parse(withOrigins([' https://desk.example.com ']));
    expect(parsed.embed.allowedOrigins).toEqual(['https://desk.example.com']);
  });

  it('reports the bad entry by its path', () => {
    const result = WebphoneConfig.safeParse(
      withOrigins(['https://ok.example.com', 'http://evil.example.com']),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['embed', 'allowedOrigins', 1]);
  });

  it('refuses duplicates, too many entries and non-strings', () => {
    expect(
      WebphoneConfig.safeParse(withOrigins(['https://a.example.com', 'https://a.example.com'])).success,
    ).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `https://h${i}.example.com`);
    expect(WebphoneConfig.safeParse(withOrigins(many)).success).toBe(false);
    expect(WebphoneConfig.safeParse(withOrigins([42])).success).toBe(false);
    expect(WebphoneConfig.safeParse(withOrigins('https://a.example.com')).success).toBe(false);
  });
});
