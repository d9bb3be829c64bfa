import { describe, expect, it } from 'vitest';
import { formatIceServers, parseIceServers } from './ice-servers';

describe('parseIceServers', () => {
  it('treats empty text as no servers', () => {
    expect(parseIceServers('')).toEqual({ ok: true, servers: [] });
    expect(parseIceServers('  \n ')).toEqual({ ok: true, servers: [] });
  });

  it('reads one URL per line, skipping blanks and comments', () => {
    expect(parseIceServers('stun:stun.example.com:3478\n\n# office\nstuns:stun.example.com')).toEqual({
      ok: true,
      servers: [{ urls: 'stun:stun.example.com:3478' }, { urls: 'stuns:stun.example.com' }],
    });
  });

  it('reads TURN credentials from turn:user:pass@host', () => {
    expect(parseIceServers('turn:alice:s%40cret:x@turn.example.com:3478?transport=tcp')).toEqual({
      ok: true,
      servers: [
        { urls: 'turn:turn.example.com:3478?transport=tcp', username: 'alice', credential: 's@cret:x' },
      ],
    });
  });

  it('accepts JSON objects and arrays', () => {
    const json =
      '[{"urls":["turn:t.example.com"],"username":"u","credential":"p"},{"urls":"stun:s.example.com"}]';
    expect(parseIceServers(json)).toEqual({
      ok: true,
      servers: [
        { urls: ['turn:t.example.com'], username: 'u', credential: 'p' },
        { urls: 'stun:s.example.com' },
      ],
    });
    expect(parseIceServers('{"urls":"stun:s.example.com"}')).toEqual({
      ok: true,
      servers: [{ urls: 'stun:s.example.com' }],
    });
  });

  it.each([
    ['http://stun.example.com', /Line 1: .*must start with stun:, stuns:, turn: or turns:/],
    ['stun:stun.example.com\nfoo', /Line 2: /],
    ['turn:turn.example.com', /needs a username and password/],
    ['turn:alice@turn.example.com', /needs both a username and a password/],
    ['stun:user:pass@stun.example.com', /STUN servers take no username/],
    ['stun:', /no valid host/],
    ['stun:host:99999', /invalid port/],
    ['stun:host?transport=udp', /unsupported query/],
    ['[{"urls": 5}]', /ICE server 1 needs "urls"/],
    ['[{"urls":"turn:t.example.com"}]', /TURN servers need "username" and "credential"/],
    ['[{"urls":"stun:s", "username": 7}]', /"username" must be a string/],
    ['[1]', /must be an object/],
    ['{"urls": ', /JSON is invalid/],
  ])('rejects %j', (text, message) => {
    const result = parseIceServers(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('formatIceServers', () => {
  it('round-trips plain lines', () => {
    const servers = [
      { urls: 'stun:s.example.com' },
      { urls: 'turn:t.example.com:3478', username: 'u@x', credential: 'p:w' },
    ];
    const text = formatIceServers(servers);
    expect(text).toBe('stun:s.example.com\nturn:u%40x:p%3Aw@t.example.com:3478');
    expect(parseIceServers(text)).toEqual({ ok: true, servers });
  });

  it('falls back to JSON when lines cannot express a server', () => {
    const servers = [{ urls: 'stun:s.example.com', username: 'odd' }];
    expect(JSON.parse(formatIceServers(servers))).toEqual(servers);
  });
});
