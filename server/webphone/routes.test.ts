import { describe, expect, it } from 'vitest';
import {
  AccountBalance,
  AuditList,
  DEFAULT_WEBPHONE_CONFIG,
  WebphoneConfigResponse,
  type WebphoneConfig,
} from '../../src/api/webphone-schemas';
import { DEFAULT_JOIN_WIDGET, JoinWidgetResponse } from '../../src/api/join-widget-schemas';
import { routeTestServer } from '../testing/route-test-server';

const api = routeTestServer(['1001', '1002', '1003'], {}, 'openline-webphone-');
const { call } = api;

const renamed = (name: string): WebphoneConfig => ({
  ...DEFAULT_WEBPHONE_CONFIG,
  brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, name },
});

describe('webphone configuration API', () => {
  it('answers 401 without a session and tells each signed-in user their role', async () => {
    expect((await call('GET', '/api/webphone/config', null)).status).toBe(401);
    const roles: Record<string, string> = {};
    for (const user of ['1001', '1002', '1003']) {
      const res = await call('GET', '/api/webphone/config', user);
      expect(res.status).toBe(200);
      const body = WebphoneConfigResponse.parse(await res.json());
      roles[user] = body.viewer.role;
      expect(res.headers.get('etag')).toBe(`"${body.revision}"`);
    }
    expect(roles).toEqual({ '1001': 'admin', '1002': 'agent', '1003': 'user' });
  });

  it('lets only an admin change it (403 for agents and users, nothing audited)', async () => {
    for (const user of ['1002', '1003']) {
      const res = await call('PUT', '/api/webphone/config', user, renamed('Hijacked'));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
      expect((await call('GET', '/api/admin/audit', user)).status).toBe(403);
    }
    expect((await call('PUT', '/api/webphone/config', null, renamed('Anon'))).status).toBe(401);
    const audit = AuditList.parse(await (await call('GET', '/api/admin/audit', '1001')).json());
    expect(audit.entries.filter((e) => JSON.stringify(e.after).includes('Hijacked'))).toEqual([]);
  });

  it('refuses invalid configurations with the field that is wrong', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...DEFAULT_WEBPHONE_CONFIG, codecs: { remove: ['op.*'], priority: [] } }, /Opus cannot be removed/],
      [
        { ...DEFAULT_WEBPHONE_CONFIG, codecs: { remove: ['PC(['], priority: [] } },
        /valid regular expression/,
      ],
      [
        { ...renamed('x'), brand: { ...DEFAULT_WEBPHONE_CONFIG.brand, themeColor: 'red' } },
        /brand.themeColor/,
      ],
      [
        {
          ...DEFAULT_WEBPHONE_CONFIG,
          menu: {
            ...DEFAULT_WEBPHONE_CONFIG.menu,
            settings: { ...DEFAULT_WEBPHONE_CONFIG.menu.settings, disabled: true },
          },
        },
        /Settings cannot be disabled/,
      ],
      [
        { ...DEFAULT_WEBPHONE_CONFIG, flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, acceptPayment: true } },
        /paymentUrl: Accept Payment needs/,
      ],
      [{ ...DEFAULT_WEBPHONE_CONFIG, paymentUrl: 'javascript:alert(1)' }, /https/],
    ];
    for (const [body, message] of cases) {
      const res = await call('PUT', '/api/webphone/config', '1001', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('audits a change (who, when, before, after) and tells open event streams', async () => {
    const stream = await call('GET', '/api/webphone/events', '1003');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${String(pattern)}: ${seen}`);
        seen += value;
      }
    };
    const first = WebphoneConfigResponse.parse(
      await (await call('GET', '/api/webphone/config', '1003')).json(),
    );
    await readUntil(new RegExp(`"revision":${first.revision}`));

    const before = Date.now();
    const res = await call('PUT', '/api/webphone/config', '1001', renamed('Acme Phone'));
    expect(res.status).toBe(200);
    const saved = WebphoneConfigResponse.parse(await res.json());
    expect(saved.revision).toBe(first.revision + 1);
    await readUntil(new RegExp(`"revision":${saved.revision}`));
    await reader.cancel();

    const seenBy1003 = WebphoneConfigResponse.parse(
      await (await call('GET', '/api/webphone/config', '1003')).json(),
    );
    expect(seenBy1003.config.brand.name).toBe('Acme Phone');
    const [latest] = AuditList.parse(
      await (await call('GET', '/api/admin/audit?limit=1', '1001')).json(),
    ).entries;
    expect(latest).toMatchObject({ actor: '1001', action: 'webphone.config.update' });
    expect(latest!.at).toBeGreaterThanOrEqual(before);
    expect((latest!.before as WebphoneConfig).brand.name).toBe(first.config.brand.name);
    expect((latest!.after as WebphoneConfig).brand.name).toBe('Acme Phone');
  });

  it('serves custom CSS scoped to the app, and refuses CSS that would load anything (nothing saved)', async () => {
    const before = WebphoneConfigResponse.parse(
      await (await call('GET', '/api/webphone/config', '1001')).json(),
    );
    const hostile = {
      ...before.config,
      customCss: '.a { color: red }\n.b { background: url(https://evil.example/x) }',
    };
    const refused = await call('PUT', '/api/webphone/config', '1001', hostile);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'invalid_request',
      message: 'customCss: line 2:6: url() is not allowed: custom CSS cannot load anything.',
    });
    const unchanged = WebphoneConfigResponse.parse(
      await (await call('GET', '/api/webphone/config', '1001')).json(),
    );
    expect(unchanged.revision).toBe(before.revision);

    const ok = await call('PUT', '/api/webphone/config', '1001', {
      ...before.config,
      customCss: ':root { --primary: #123456 }\n.app-header { color: red }',
    });
    expect(ok.status).toBe(200);
    // No session needed: the sign-in screen is styled too.
    const sheet = await call('GET', '/api/webphone/custom.css', null);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await sheet.text()).toBe('#root { --primary: #123456 }\n#root .app-header { color: red }');
    await call('PUT', '/api/webphone/config', '1001', before.config);
    expect(await (await call('GET', '/api/webphone/custom.css', null)).text()).toBe('');
  });

  it('serves the join page widget to anyone, cacheable, and refuses bad widget settings', async () => {
    const before = WebphoneConfigResponse.parse(
      await (await call('GET', '/api/webphone/config', '1001')).json(),
    );
    const first = await call('GET', '/api/webcall/widget', null);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    // Everything but the opening hours, which only the server evaluates (ADR 0026).
    const { openingHours: _hours, ...published } = before.config.joinWidget;
    const raw = (await first.json()) as { widget: Record<string, unknown> };
    expect('openingHours' in raw.widget).toBe(false);
    expect(JoinWidgetResponse.parse(raw).widget).toEqual(published);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toBe(`"widget-${before.revision}"`);
    const again = await fetch(`${api.url}/api/webcall/widget`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);

    const openingHours = {
      timeZone: 'Europe/Madrid',
      periods: [{ days: ['mon' as const, 'fri' as const], from: '09:00', to: '17:00' }],
    };
    const widget = {
      ...DEFAULT_JOIN_WIDGET,
      title: 'Acme support',
      transcript: false,
      reconnectSeconds: 30,
      openingHours,
    };
    const bad: Array<[unknown, RegExp]> = [
      [{ ...widget, fileTransfer: 'yes' }, /joinWidget.fileTransfer: /],
      [{ ...widget, title: '   ' }, /joinWidget.title: Give the page a title/],
      [{ ...widget, themeColor: 'blue' }, /joinWidget.themeColor: A colour as #rrggbb/],
      [{ ...widget, language: 'fr' }, /joinWidget.language: One of: browser, en, es, ar/],
      [{ ...widget, reconnectSeconds: 0 }, /joinWidget.reconnectSeconds: At least 2 seconds/],
      [{ ...widget, reconnectSeconds: 2.5 }, /joinWidget.reconnectSeconds: A whole number/],
      [
        { ...widget, openingHours: { ...openingHours, timeZone: 'Madrid' } },
        /joinWidget.openingHours.timeZone: An IANA time zone/,
      ],
      [
        {
          ...widget,
          openingHours: { ...openingHours, periods: [{ days: ['mon'], from: '18:00', to: '09:00' }] },
        },
        /joinWidget.openingHours.periods.0: A period ends after it starts/,
      ],
    ];
    for (const [joinWidget, message] of bad) {
      const res = await call('PUT', '/api/webphone/config', '1001', { ...before.config, joinWidget });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const saved = await call('PUT', '/api/webphone/config', '1001', { ...before.config, joinWidget: widget });
    expect(saved.status).toBe(200);
    const changed = await fetch(`${api.url}/api/webcall/widget`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    const { openingHours: _saved, ...publishedWidget } = widget;
    expect(JoinWidgetResponse.parse(await changed.json()).widget).toEqual(publishedWidget);
    const audit = AuditList.parse(await (await call('GET', '/api/admin/audit', '1001')).json());
    expect((audit.entries[0]!.after as WebphoneConfig).joinWidget.title).toBe('Acme support');
    await call('PUT', '/api/webphone/config', '1001', before.config);
  });

  it('caps event streams per account', async () => {
    const open: Response[] = [];
    for (let i = 0; i < 8; i++) open.push(await call('GET', '/api/webphone/events', '1002'));
    expect(open.map((r) => r.status)).toEqual(Array(8).fill(200));
    const ninth = await call('GET', '/api/webphone/events', '1002');
    expect(ninth.status).toBe(429);
    for (const r of open) await r.body!.cancel();
  });

  it("serves the signed-in account's own balance", async () => {
    expect((await call('GET', '/api/account/balance', null)).status).toBe(401);
    const balance = AccountBalance.parse(await (await call('GET', '/api/account/balance', '1001')).json());
    expect(balance).toEqual({ amountMinor: 1250, currency: 'USD' });
  });
});
