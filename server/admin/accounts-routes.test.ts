import { describe, expect, it } from 'vitest';
import { AccountWithPassword, AdminAccountList } from '../../src/api/account-schemas';
import { AuditList, DEFAULT_WEBPHONE_CONFIG, type WebphoneConfig } from '../../src/api/webphone-schemas';
import { SipClient } from '../sip/testing';
import { routeTestServer } from '../testing/route-test-server';
import { sessionCookie, TEST_PASSWORD } from '../testing/signed-in-server';

const api = routeTestServer(['1001', '1002', '1003'], {}, 'openline-accounts-');
const call = api.request;
const asAdmin = (method: string, path: string, body?: unknown) =>
  call(method, path, api.cookies['1001']!, body);

const signIn = (username: string, password: string) =>
  call('POST', '/api/session', null, { username, password });

const register = async (user: string, password: string) => {
  const client = await SipClient.ws(`${api.url.replace('http', 'ws')}/sip`, {
    user,
    domain: api.running.server.options.sipDomain,
    username: user,
    password,
  });
  try {
    return await client.register();
  } finally {
    await client.close();
  }
};

const saveConfig = async (patch: Partial<WebphoneConfig>) => {
  const res = await asAdmin('PUT', '/api/webphone/config', { ...DEFAULT_WEBPHONE_CONFIG, ...patch });
  expect(res.status).toBe(200);
};

describe('accounts administration API', () => {
  it('refuses non-admins with 403 and anonymous callers with 401', async () => {
    for (const user of ['1002', '1003']) {
      expect((await call('GET', '/api/admin/accounts', api.cookies[user]!)).status).toBe(403);
      const res = await call('POST', '/api/admin/accounts', api.cookies[user]!, {
        username: 'sneaky',
        displayName: 'Sneaky',
        role: 'admin',
        company: null,
      });
      expect(res.status).toBe(403);
    }
    expect((await call('GET', '/api/admin/accounts', null)).status).toBe(401);
  });

  it('lists the seeded accounts with their company, without any hash', async () => {
    const res = await asAdmin('GET', '/api/admin/accounts?q=openline');
    const text = await res.text();
    const { accounts } = AdminAccountList.parse(JSON.parse(text));
    expect(accounts.map((a) => [a.username, a.company])).toEqual([
      ['1001', 'Openline Demo'],
      ['1002', 'Openline Demo'],
      ['1003', 'Openline Demo'],
    ]);
    expect(text).not.toMatch(/ha1|[0-9a-f]{32}/);
  });

  it('creates an account with a generated password shown once; it signs in and REGISTERs', async () => {
    const res = await asAdmin('POST', '/api/admin/accounts', {
      username: 'Dana.D',
      displayName: 'Dana Dunn',
      role: 'user',
      company: 'Acme',
    });
    expect(res.status).toBe(201);
    const { account, password } = AccountWithPassword.parse(await res.json());
    expect(account).toMatchObject({
      username: 'dana.d',
      company: 'Acme',
      disabled: false,
      createdBy: '1001',
    });
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await signIn('dana.d', password!)).status).toBe(200);
    expect((await register('dana.d', password!)).status).toBe(200);
    // Listed in the company directory (Contacts, the agent CRM) at once.
    let since = 0;
    let names: string[] = [];
    for (;;) {
      const page = (await (await asAdmin('GET', `/api/phonebook?since=${since}&limit=500`)).json()) as {
        rev: number;
        more: boolean;
        entries?: Array<{ name?: string }>;
      };
      names = names.concat((page.entries ?? []).map((e) => e.name ?? ''));
      if (!page.more) break;
      since = page.rev;
    }
    expect(names).toContain('Dana Dunn');

    const again = await asAdmin('POST', '/api/admin/accounts', {
      username: 'dana.d',
      displayName: 'Other',
      role: 'user',
      company: null,
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'username_taken' });
  });

  it('refuses bad input with the field and reason', async () => {
    const bad = [
      [{ username: 'a', displayName: 'X', role: 'user', company: null }, /^username: At least 2/],
      [{ username: 'x:y', displayName: 'X', role: 'user', company: null }, /^username: Letters, digits/],
      [{ username: 'okname', displayName: 'X', role: 'root', company: null }, /^role:/],
      [
        { username: 'okname', displayName: 'X', role: 'user', company: null, password: 'short' },
        /^password: Too short/,
      ],
      [
        { username: 'okname', displayName: 'X', role: 'user', company: null, password: 'okname-okname-1' },
        /^password: Too weak: it contains the username/,
      ],
    ] as const;
    for (const [body, message] of bad) {
      const res = await asAdmin('POST', '/api/admin/accounts', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('disable ends sessions and registrations and refuses sign-in, credentials and REGISTER', async () => {
    const password = 'Quartz-river-42x';
    const created = await asAdmin('POST', '/api/admin/accounts', {
      username: 'eve',
      displayName: 'Eve',
      role: 'agent',
      company: null,
      password,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ account: expect.objectContaining({ username: 'eve' }) }); // no password echoed
    const cookie = await sessionCookie(api.url, 'eve', password);
    const client = await SipClient.ws(`${api.url.replace('http', 'ws')}/sip`, {
      user: 'eve',
      domain: api.running.server.options.sipDomain,
      username: 'eve',
      password,
    });
    expect((await client.register()).status).toBe(200);
    expect(api.running.server.registrar.contacts('eve')).toHaveLength(1);

    const res = await asAdmin('POST', '/api/admin/accounts/eve/enabled', { enabled: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'eve', disabled: true });
    expect(api.running.server.registrar.contacts('eve')).toHaveLength(0);
    expect((await call('GET', '/api/session', cookie)).status).toBe(401);
    const refused = await signIn('eve', password);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'account_disabled' });
    const sip = await register('eve', password);
    expect(sip.status).toBe(403);
    expect(sip.reason).toContain('disabled');
    await client.close();

    expect((await asAdmin('POST', '/api/admin/accounts/eve/enabled', { enabled: true })).status).toBe(200);
    expect((await signIn('eve', password)).status).toBe(200);
  });

  it('reset password: the old one is refused, the new one works, sessions end', async () => {
    const cookie = await sessionCookie(api.url, '1003');
    const res = await asAdmin('POST', '/api/admin/accounts/1003/password', {});
    const { password } = AccountWithPassword.parse(await res.json());
    expect((await call('GET', '/api/session', cookie)).status).toBe(401);
    expect((await signIn('1003', TEST_PASSWORD)).status).toBe(401);
    expect((await signIn('1003', password!)).status).toBe(200);
    const audit = AuditList.parse(await (await asAdmin('GET', '/api/admin/audit?limit=50')).json());
    const text = JSON.stringify(audit.entries);
    expect(text).not.toContain(password);
    expect(text).not.toMatch(/ha1|[0-9a-f]{32}/);
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'account.create',
        'account.disable',
        'account.enable',
        'account.password.reset',
      ]),
    );
  });

  it('keeps the last admin: no self-disable, no demoting the only admin', async () => {
    const self = await asAdmin('POST', '/api/admin/accounts/1001/enabled', { enabled: false });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ error: 'self_disable' });
    const demote = await asAdmin('PUT', '/api/admin/accounts/1001', {
      displayName: 'Ada Agent',
      role: 'user',
      company: 'Openline Demo',
    });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: 'last_admin' });
  });
});

describe('Restrict Customer Login', () => {
  it('refuses accounts of unlisted companies at sign-in, credentials and REGISTER; admins pass', async () => {
    await saveConfig({
      flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, restrictLogin: true },
      allowedCompanies: ['openline demo'],
    });
    try {
      const res = await signIn('dana.d', 'x'.repeat(12));
      expect(res.status).toBe(401); // wrong password: no hint about the company
      const eve = await signIn('eve', 'Quartz-river-42x');
      expect(eve.status).toBe(403);
      expect(await eve.json()).toEqual({
        error: 'company_not_allowed',
        message: 'Accounts without a company cannot sign in here.',
      });
      expect((await register('eve', 'Quartz-river-42x')).status).toBe(403);
      expect((await signIn('1002', TEST_PASSWORD)).status).toBe(200); // Openline Demo is listed
      await asAdmin('PUT', '/api/admin/accounts/1002', {
        displayName: 'Ben Baker',
        role: 'agent',
        company: 'Globex',
      });
      const ben = await signIn('1002', TEST_PASSWORD);
      expect(await ben.json()).toMatchObject({
        error: 'company_not_allowed',
        message: 'Accounts of Globex cannot sign in here.',
      });
      expect((await call('POST', '/api/sip/credentials', api.cookies['1002']!)).status).toBe(401);
      await asAdmin('PUT', '/api/admin/accounts/1001', {
        displayName: 'Ada Agent',
        role: 'admin',
        company: 'Nobody Listed',
      });
      expect((await signIn('1001', TEST_PASSWORD)).status).toBe(200); // admins are never locked out
    } finally {
      await saveConfig({});
      await asAdmin('PUT', '/api/admin/accounts/1001', {
        displayName: 'Ada Agent',
        role: 'admin',
        company: 'Openline Demo',
      });
    }
  });
});

describe('self sign-up', () => {
  it('answers 403 while Register is off', async () => {
    expect(await (await call('GET', '/api/signup', null)).json()).toEqual({ enabled: false });
    const res = await call('POST', '/api/signup', null, {
      username: 'newbie',
      displayName: 'New',
      password: 'Long-enough-9',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'signup_disabled' });
  });

  it('copies role (never admin), company and voicemail settings from the template', async () => {
    // The template: 1001 is an admin; a sign-up still becomes a user.
    const vm = await call('PUT', '/api/voicemail/settings', api.cookies['1001']!, {
      enabled: true,
      noAnswerS: 37,
    });
    expect(vm.status).toBe(200);
    await saveConfig({
      flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, register: true },
      registration: { templateUsername: '1001', successMessage: 'Welcome aboard.' },
    });
    try {
      expect(await (await call('GET', '/api/signup', null)).json()).toEqual({ enabled: true });
      const weak = await call('POST', '/api/signup', null, {
        username: 'newbie',
        displayName: 'New',
        password: 'newbie12345',
      });
      expect(weak.status).toBe(400);
      expect(((await weak.json()) as { message: string }).message).toMatch(/^password: Too weak/);
      const taken = await call('POST', '/api/signup', null, {
        username: '1002',
        displayName: 'Copycat',
        password: 'Long-enough-9',
      });
      expect(await taken.json()).toMatchObject({ error: 'username_taken' });

      const res = await call('POST', '/api/signup', null, {
        username: 'newbie',
        displayName: 'New Bie',
        password: 'Long-enough-9',
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ username: 'newbie', message: 'Welcome aboard.' });
      const cookie = await sessionCookie(api.url, 'newbie', 'Long-enough-9');
      const settings = await (await call('GET', '/api/voicemail/settings', cookie)).json();
      expect(settings).toMatchObject({ enabled: true, noAnswerS: 37 });
      const { accounts } = AdminAccountList.parse(
        await (await asAdmin('GET', '/api/admin/accounts?q=newbie')).json(),
      );
      expect(accounts[0]).toMatchObject({ role: 'user', company: 'Openline Demo', createdBy: 'signup' });
      expect((await register('newbie', 'Long-enough-9')).status).toBe(200);
    } finally {
      await saveConfig({});
    }
  });
});
