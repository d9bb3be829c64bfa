// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { WebphoneConfig } from '../api/webphone-schemas';
import { DEFAULT_WEBPHONE_CONFIG } from '../stores/webphone-config';
import { WebphoneConfigSchema } from '../stores/webphone-validation';
import { enabledTabs, menuItems } from './menu';

const config = (menu: Partial<WebphoneConfig['menu']>): WebphoneConfig =>
  WebphoneConfigSchema.parse({
    ...DEFAULT_WEBPHONE_CONFIG,
    menu: { ...DEFAULT_WEBPHONE_CONFIG.menu, ...menu },
  });

describe('menu from the webphone configuration', () => {
  it('is today’s menu by default, with Admin only for admins', () => {
    expect(menuItems(DEFAULT_WEBPHONE_CONFIG, 'user').map((i) => i.label)).toEqual([
      'Dialpad',
      'History',
      'Contacts',
      'Voicemail',
      'Chat',
      'Agent',
      'Settings',
    ]);
    expect(menuItems(DEFAULT_WEBPHONE_CONFIG, null).at(-1)?.path).toBe('/settings');
    expect(menuItems(DEFAULT_WEBPHONE_CONFIG, 'admin').at(-1)?.path).toBe('/admin');
  });

  it('translates the default titles and shows an operator’s own title as it is (issue 13)', () => {
    const shout = (d: { message?: string; id?: string }) => `«${d.message ?? d.id ?? ''}»`;
    const items = menuItems(
      config({ dialpad: { title: 'Keypad', icon: 'dialpad', position: 1, disabled: false } }),
      'admin',
      shout,
    );
    expect(items.map((i) => i.label)).toEqual([
      'Keypad',
      '«History»',
      '«Contacts»',
      '«Voicemail»',
      '«Chat»',
      '«Agent»',
      '«Settings»',
      '«Admin»',
    ]);
  });

  it('orders by position, renames, maps Material Symbols names to drawings, and leaves disabled tabs out', () => {
    const items = menuItems(
      config({
        voicemail: { title: 'Messages', icon: 'mic', position: 1, disabled: false },
        dialpad: { title: 'Keypad', icon: 'call', position: 2, disabled: false },
        history: { title: 'History', icon: 'history', position: 3, disabled: true },
      }),
      'agent',
    );
    expect(items.map((i) => [i.path, i.label, i.icon])).toEqual([
      ['/voicemail', 'Messages', 'mic'],
      ['/dialpad', 'Keypad', 'phone'],
      ['/contacts', 'Contacts', 'contacts'],
      ['/messages', 'Chat', 'messages'],
      ['/agent', 'Agent', 'agent'],
      ['/settings', 'Settings', 'settings'],
    ]);
    expect(items[0]?.badge).toBe('voicemail'); // the badge follows the tab, not the slot
    expect(
      enabledTabs(config({ history: { ...DEFAULT_WEBPHONE_CONFIG.menu.history, disabled: true } })).has(
        'history',
      ),
    ).toBe(false);
  });

  it('gives a configuration saved before the Chat tab existed the Chat tab last', () => {
    const { messages: _chat, ...older } = DEFAULT_WEBPHONE_CONFIG.menu;
    const parsed = WebphoneConfigSchema.parse({
      ...DEFAULT_WEBPHONE_CONFIG,
      menu: {
        ...older,
        agent: { ...older.agent, position: 5 },
        settings: { ...older.settings, position: 6 },
      },
    });
    expect(menuItems(parsed, 'user').map((i) => i.label)).toEqual([
      'Dialpad',
      'History',
      'Contacts',
      'Voicemail',
      'Agent',
      'Settings',
      'Chat',
    ]);
  });

  it('refuses two enabled tabs at one position, and a disabled Settings', () => {
    const clash = WebphoneConfigSchema.safeParse({
      ...DEFAULT_WEBPHONE_CONFIG,
      menu: {
        ...DEFAULT_WEBPHONE_CONFIG.menu,
        history: { ...DEFAULT_WEBPHONE_CONFIG.menu.history, position: 1 },
      },
    });
    expect(clash.success).toBe(false);
    expect(clash.error?.issues[0]).toMatchObject({ path: ['menu', 'history', 'position'] });
    expect(clash.error?.issues[0]?.message).toMatch(/already taken by Dialpad/);
  });

  it('puts template pages among the tabs by position and leaves disabled pages out', () => {
    const page = (id: string, position: number, disabled = false) => ({
      id,
      title: `Page ${id}`,
      icon: 'info' as const,
      position,
      disabled,
      html: '<p>x</p>',
    });
    const withPages = WebphoneConfigSchema.parse({
      ...DEFAULT_WEBPHONE_CONFIG,
      pages: [page('help', 9), page('first', 8), page('off', 10, true)],
    });
    const items = menuItems(withPages, 'user');
    expect(items.slice(-3).map((i) => [i.label, i.path, i.icon])).toEqual([
      ['Settings', '/settings', 'settings'],
      ['Page first', '/page/first', 'info'],
      ['Page help', '/page/help', 'info'],
    ]);
  });

  it('refuses pages whose position is taken, whose address repeats, or whose HTML is too long', () => {
    const base = { title: 'P', icon: 'info', disabled: false, html: '' };
    const errors = (pages: unknown[]) => {
      const parsed = WebphoneConfigSchema.safeParse({ ...DEFAULT_WEBPHONE_CONFIG, pages });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(errors([{ ...base, id: 'a', position: 1 }])).toEqual([
      'pages.0.position: Position 1 is already taken by Dialpad.',
    ]);
    expect(
      errors([
        { ...base, id: 'a', position: 9 },
        { ...base, id: 'a', position: 10 },
      ]),
    ).toEqual(['pages.1.id: Another page is already "a".']);
    expect(
      errors([
        { ...base, id: 'a', position: 9 },
        { ...base, id: 'b', title: 'B', position: 9 },
      ]),
    ).toEqual(['pages.1.position: Position 9 is already taken by P.']);
    expect(errors([{ ...base, id: 'a', position: 9, html: 'x'.repeat(20_001) }])).toEqual([
      'pages.0.html: At most 20000 characters.',
    ]);
    expect(errors([{ ...base, id: 'A b', position: 9 }])[0]).toMatch(/^pages\.0\.id: /);
    // A disabled page may share a position: it is not in the menu.
    expect(errors([{ ...base, id: 'a', position: 1, disabled: true }])).toEqual([]);
  });
});
