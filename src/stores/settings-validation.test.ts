import { i18n } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import { messages as spanishShell } from '../locales/es/shell.po';
import { EMPTY_SETTINGS, type SettingsValues } from './settings';
import { validateSettings } from './settings-validation';

const good: SettingsValues = {
  ...EMPTY_SETTINGS,
  displayName: '  Alice ',
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://phone.example.com/sip',
};

describe('validateSettings', () => {
  it('builds the engine config from valid values', () => {
    expect(
      validateSettings({ ...good, iceServersText: 'turn:u:p@turn.example.com', dtmfMethod: 'info' }),
    ).toEqual({
      ok: true,
      config: {
        username: '1001',
        password: 'secret',
        domain: 'openline.local',
        wsUrl: 'wss://phone.example.com/sip',
        displayName: 'Alice',
        iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'p' }],
        autoAnswer: false,
        dtmfMethod: 'info',
      },
    });
  });

  it('omits an empty display name', () => {
    const result = validateSettings({ ...good, displayName: ' ' });
    expect(result.ok && 'displayName' in result.config).toBe(false);
  });

  it.each<[Partial<SettingsValues>, keyof SettingsValues, RegExp]>([
    [{ username: '' }, 'username', /Enter your SIP username/],
    [{ username: 'al ice' }, 'username', /cannot contain/],
    [{ password: '' }, 'password', /Enter your password/],
    [{ domain: '' }, 'domain', /Enter the SIP domain/],
    [{ domain: 'sip:openline.local' }, 'domain', /without sip:/],
    [{ wsUrl: 'https://phone.example.com/sip' }, 'wsUrl', /ws:\/\/ or wss:\/\//],
    [{ iceServersText: 'turn:turn.example.com' }, 'iceServersText', /Line 1: .*username and password/],
    [{ iceServersText: '[{"urls": 1}]' }, 'iceServersText', /needs "urls"/],
  ])('reports %j on %s', (patch, field, message) => {
    const result = validateSettings({ ...good, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([field]);
      expect(result.errors[field]).toMatch(message);
    }
  });
});

describe('validateSettings in another language', () => {
  it('says what is wrong with the ICE servers in the active language, as with every other field', () => {
    i18n.loadAndActivate({ locale: 'es', messages: spanishShell });
    try {
      const result = validateSettings({
        ...good,
        password: '',
        iceServersText: 'stun:s.example.com\nturn:t.example.com',
      });
      expect(result).toEqual({
        ok: false,
        errors: {
          password: 'Escriba su contraseña.',
          iceServersText:
            'Línea 2: “turn:t.example.com” necesita un usuario y una contraseña (turn:usuario:contraseña@host)',
        },
      });
    } finally {
      i18n.activate('en');
    }
  });
});
