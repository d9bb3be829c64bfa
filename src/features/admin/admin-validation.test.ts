// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG } from '../../stores/webphone-config';
import { configErrors } from '../../stores/webphone-validation';
import { changedPaths } from './AuditList';

describe('Admin form validation (the server’s schema)', () => {
  it('puts each problem on its field', () => {
    const errors = configErrors({
      ...DEFAULT_WEBPHONE_CONFIG,
      brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, name: ' ', logo: 'https://evil.example/x.png' },
      codecs: { remove: ['PCMU', 'opus', '(('], priority: ['PCMU;'] },
      menu: {
        ...DEFAULT_WEBPHONE_CONFIG.menu,
        agent: { ...DEFAULT_WEBPHONE_CONFIG.menu.agent, position: 1 },
      },
    });
    expect(errors).toMatchObject({
      'brand.name': 'Give the brand a name.',
      'brand.logo': expect.stringMatching(/path on this server/) as string,
      'codecs.remove.1': expect.stringMatching(/Opus cannot be removed/) as string,
      'codecs.remove.2': 'Not a valid regular expression.',
      'codecs.priority.0': 'A codec name such as PCMU or opus.',
      'menu.agent.position': 'Position 1 is already taken by Dialpad.',
    });
    expect(configErrors(DEFAULT_WEBPHONE_CONFIG)).toBeNull();
  });

  it('puts each join page widget problem on its field', () => {
    const widget = DEFAULT_WEBPHONE_CONFIG.joinWidget;
    expect(
      configErrors({
        ...DEFAULT_WEBPHONE_CONFIG,
        joinWidget: {
          ...widget,
          title: '',
          themeColor: '#12345',
          fileTransfer: 'yes' as unknown as boolean,
          reconnectSeconds: NaN,
        },
      }),
    ).toEqual({
      'joinWidget.title': 'Give the page a title.',
      'joinWidget.themeColor': 'A colour as #rrggbb.',
      'joinWidget.fileTransfer': expect.stringMatching(/boolean/) as unknown as string,
      'joinWidget.reconnectSeconds': 'A whole number of seconds.',
    });
    expect(
      configErrors({ ...DEFAULT_WEBPHONE_CONFIG, joinWidget: { ...widget, reconnectSeconds: 301 } }),
    ).toEqual({ 'joinWidget.reconnectSeconds': 'At most 300 seconds.' });
    // Saved before the widget existed: today's join page.
    const { joinWidget: _omitted, ...older } = DEFAULT_WEBPHONE_CONFIG;
    expect(configErrors(older)).toBeNull();
  });

  it('summarises an audit row by the settings that changed', () => {
    const after = { ...DEFAULT_WEBPHONE_CONFIG, brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, name: 'Acme' } };
    expect(changedPaths(DEFAULT_WEBPHONE_CONFIG, after)).toEqual(['brand.name']);
    // A value replaced whole (no earlier configuration) is the empty path, worded by the list.
    expect(changedPaths(null, after)).toEqual(['']);
    expect(changedPaths({ a: 1 }, { a: [1] })).toEqual(['a']);
  });
});
