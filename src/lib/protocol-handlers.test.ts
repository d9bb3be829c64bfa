import { describe, expect, it } from 'vitest';
import { registerPhoneLinks } from './protocol-handlers';

describe('registerPhoneLinks', () => {
  it('registers tel: and sip: with the dialpad route', () => {
    const calls: [string, string][] = [];
    const result = registerPhoneLinks(
      { registerProtocolHandler: (scheme, url) => calls.push([scheme, url]) },
      'https://phone.example.com',
    );
    expect(result).toEqual({ ok: true, schemes: ['tel', 'sip'] });
    expect(calls).toEqual([
      ['tel', 'https://phone.example.com/dialpad?to=%s'],
      ['sip', 'https://phone.example.com/dialpad?to=%s'],
    ]);
  });

  it('reports a browser without the API and one that refuses every scheme', () => {
    expect(registerPhoneLinks({}, 'https://x')).toEqual({
      ok: false,
      error: expect.stringMatching(/cannot open phone links/),
    });
    const refusing = registerPhoneLinks(
      {
        registerProtocolHandler: () => {
          throw new DOMException('insecure', 'SecurityError');
        },
      },
      'http://x',
    );
    expect(refusing).toEqual({ ok: false, error: expect.stringMatching(/refused/) });
  });

  it('keeps the schemes that worked when one is refused', () => {
    const result = registerPhoneLinks(
      {
        registerProtocolHandler: (scheme) => {
          if (scheme === 'sip') throw new DOMException('nope', 'SecurityError');
        },
      },
      'https://x',
    );
    expect(result).toEqual({ ok: true, schemes: ['tel'] });
  });
});
