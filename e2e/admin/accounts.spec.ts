/**
 * Issue 13: accounts administration, self sign-up (Register) and Restrict Customer Login, as users see
 * them. Admin 1001 creates an account in Admin → Accounts and it signs in and registers; disabled, it is
 * refused with the server's sentence; a password reset refuses the old password and takes the new one.
 * Sign-up copies the template customer's voicemail ring time and shows the operator's success message.
 * With Restrict Customer Login, an unlisted company's account is refused while a listed one signs in.
 * Edit Settings off makes a signed-in user's SIP fields read-only. The server is shared by every spec:
 * new usernames are unique per run and the configuration is put back at the end.
 */
import { axeOn } from '../support/axe';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEFAULT_WEBPHONE_CONFIG, type WebphoneConfig } from '../../src/api/webphone-schemas';
import { shootSizes } from '../support/screenshots';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, Phone, test } from '../support/phone';
import { openAdminSection } from '../support/admin';

const SHOTS = '/tmp/shots-accounts';
const run = Date.now().toString(36).slice(-5);

const shots = (page: Page, name: string) => shootSizes(page, SHOTS, name, true);

/** An API session as admin 1001 (its own cookie jar). */
async function adminApi(request: APIRequestContext): Promise<APIRequestContext> {
  const res = await request.post('/api/session', { data: { username: '1001', password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return request;
}

async function saveConfig(api: APIRequestContext, patch: Partial<WebphoneConfig>) {
  const res = await api.put('/api/webphone/config', { data: { ...DEFAULT_WEBPHONE_CONFIG, ...patch } });
  expect(res.status(), await res.text()).toBe(200);
}

async function createAccount(
  api: APIRequestContext,
  username: string,
  company: string | null,
  password: string,
  role = 'user',
) {
  const res = await api.post('/api/admin/accounts', {
    data: { username, displayName: `Test ${username}`, role, company, password },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Signs `phone` in through Settings and waits for the sign-in error the server's refusal produces. */
async function expectRefused(phone: Phone, password: string, message: string | RegExp) {
  await phone.signIn(password, { expectRegistered: false });
  await expect(phone.page.getByTestId('sign-in-error')).toHaveText(message);
  await expect(phone.status).not.toHaveText('Registered');
}

test.afterAll(async ({ request }) => {
  await saveConfig(await adminApi(request), {});
});

test('admin creates an account in Admin → Accounts; it registers; disable refuses it; reset password', async ({
  alice,
  browser,
  baseURL,
}) => {
  const username = `dana-${run}`;
  await alice.signIn();
  const admin = alice.page;
  await openAdminSection(admin, 'Accounts');

  // A bad username is refused in the form, with the field marked and focused.
  await admin.getByLabel('Username').fill('x:1');
  await admin.getByLabel('Display name').fill('Dana Dunn');
  await admin.getByRole('button', { name: 'Create account' }).click();
  await expect(admin.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.getByLabel('Username')).toBeFocused();

  await admin.getByLabel('Username').fill(username);
  await admin.getByLabel('Role').selectOption({ label: 'Agent' });
  await admin.getByLabel('Company').fill('Openline Demo');
  await admin.getByRole('button', { name: 'Create account' }).click();
  await expect(admin.getByTestId('accounts-status')).toHaveText(`Account ${username} created.`);
  const shown = admin.getByTestId('one-time-password-value');
  await expect(shown).toHaveText(/^[A-Za-z2-9]{16}$/);
  const password = (await shown.textContent()) ?? '';
  await expect(admin.getByTestId(`account-${username}`)).toContainText('Agent · Openline Demo');

  const axe = await axeOn(admin).include('main').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await admin.getByLabel('Search accounts').fill('openline');
  await expect(admin.getByTestId(`account-${username}`)).toBeVisible();
  await shots(admin, 'accounts');

  // The new account signs in and registers.
  const dana = await Phone.open(browser, username, baseURL);
  try {
    await dana.signIn(password);

    // Disabled: its registration ends and signing in again is refused with the server's sentence.
    await admin
      .getByTestId(`account-${username}`)
      .getByRole('button', { name: `Disable ${username}` })
      .click();
    await expect(admin.getByTestId(`account-${username}`)).toContainText('Disabled');
    await expect(dana.status).not.toHaveText('Registered');
    await dana.page.getByRole('button', { name: 'Sign out' }).click();
    await expectRefused(dana, password, 'This account is disabled. Ask your administrator to enable it.');

    // Enabled again, then a password reset: the old password is refused, the new one works.
    await admin
      .getByTestId(`account-${username}`)
      .getByRole('button', { name: `Enable ${username}` })
      .click();
    await expect(admin.getByTestId(`account-${username}`)).not.toContainText('Disabled');
    await admin
      .getByTestId(`account-${username}`)
      .getByRole('button', { name: `Reset password of ${username}` })
      .click();
    await expect(admin.getByRole('region', { name: `New password for ${username}` })).toBeFocused();
    const fresh = (await shown.textContent()) ?? '';
    expect(fresh).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(fresh).not.toBe(password);
    await dana.page.getByRole('button', { name: 'Sign out' }).click();
    await expectRefused(dana, password, 'Wrong username or password');
    await dana.page.getByRole('button', { name: 'Sign out' }).click();
    await dana.signIn(fresh);
  } finally {
    await dana.close();
  }

  // The audit names each change.
  await admin
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: 'Configuration' })
    .click();
  await expect(admin.getByTestId('audit-list')).toContainText(`1001 reset the password of ${username}`);
  await expect(admin.getByTestId('audit-list')).toContainText(`1001 disabled account ${username}`);
});

test('the Admin section links fit a 390 px phone and work from the keyboard', async ({ alice }) => {
  await alice.signIn();
  const admin = alice.page;
  // Client-side navigation: after a reload /admin exists only once the server has told the role again.
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await admin.setViewportSize({ width: 390, height: 844 });
  const links = admin.getByRole('navigation', { name: 'Admin sections' }).getByRole('link');
  await expect(links).toHaveText(['Configuration', 'Accounts', 'Buttons', 'Forms', 'Pages']);
  for (const link of await links.all()) {
    // Not cut: the whole label fits inside the link, and the link inside the viewport.
    const box = await link.evaluate((el) => ({
      cut: el.scrollWidth > el.clientWidth,
      right: el.getBoundingClientRect().right,
    }));
    expect(box.cut).toBe(false);
    expect(box.right).toBeLessThanOrEqual(390);
  }
  await links.nth(1).focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByRole('heading', { name: 'New account' })).toBeVisible();
  await expect(links.nth(1)).toHaveAttribute('aria-current', 'page');
  const axe = await axeOn(admin).include('main').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await admin.screenshot({ path: `${SHOTS}/admin-sections-390x844.png` });
});

test('sign-up copies the template customer’s defaults and shows the success message', async ({
  browser,
  baseURL,
  request,
}) => {
  const api = await adminApi(request);
  const template = `tpl-${run}`;
  const templatePassword = 'Template-pass-77';
  await createAccount(api, template, `Acme ${run}`, templatePassword, 'agent');
  // The template's own setting: voicemail after 37 s of ringing.
  const tplContext = await browser.newContext({ baseURL });
  const tplApi = tplContext.request;
  expect(
    (
      await tplApi.post('/api/session', { data: { username: template, password: templatePassword } })
    ).status(),
  ).toBe(200);
  expect(
    (await tplApi.put('/api/voicemail/settings', { data: { enabled: true, noAnswerS: 37 } })).status(),
  ).toBe(200);
  await tplContext.close();

  const newcomer = await Phone.open(browser, `new-${run}`, baseURL);
  try {
    // Register off: the sign-in screen offers nothing.
    await newcomer.page.goto('/settings');
    await expect(newcomer.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(newcomer.page.getByRole('button', { name: 'Create account' })).toHaveCount(0);

    await saveConfig(api, {
      flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, register: true },
      registration: { templateUsername: template, successMessage: `Welcome to Acme ${run}! Sign in below.` },
    });
    await newcomer.page.reload();
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await newcomer.page.getByLabel('Choose a username').fill(`new-${run}`);
    await newcomer.page.getByLabel('Your name').fill('Nia Newcomer');
    await newcomer.page.getByLabel('Choose a password').fill('short');
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await expect(newcomer.page.getByText('Too short: at least 10 characters.')).toBeVisible();
    await newcomer.page.getByLabel('Choose a username').fill('1002');
    await newcomer.page.getByLabel('Choose a password').fill('Bright-lake-2048');
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await expect(newcomer.page.getByText('The username 1002 is taken: choose another.')).toBeVisible();
    await newcomer.page.getByLabel('Choose a username').fill(`new-${run}`);
    const axe = await axeOn(newcomer.page).include('section[aria-labelledby="signup-title"]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await expect(newcomer.page.getByTestId('signup-success')).toHaveText(
      `Welcome to Acme ${run}! Sign in below.`,
    );
    await expect(newcomer.page.getByLabel('Username', { exact: true })).toHaveValue(`new-${run}`);
    await shots(newcomer.page, 'signup');

    await newcomer.signIn('Bright-lake-2048');
    await expect(newcomer.page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
    // The template's voicemail ring time was copied to the new account.
    await expect(newcomer.page.getByTestId('voicemail-after')).toHaveValue('37');

    // Register off again: the endpoint refuses.
    await saveConfig(api, {});
    const refused = await request.post('/api/signup', {
      data: { username: `late-${run}`, displayName: 'Late', password: 'Bright-lake-2048' },
    });
    expect(refused.status()).toBe(403);
  } finally {
    await newcomer.close();
  }
});

test('Restrict Customer Login refuses an unlisted company at sign-in; a listed one signs in', async ({
  browser,
  baseURL,
  request,
}) => {
  const api = await adminApi(request);
  const listed = `ok-${run}`;
  const unlisted = `no-${run}`;
  const password = 'River-stone-4096';
  await createAccount(api, listed, `Listed ${run}`, password);
  await createAccount(api, unlisted, `Globex ${run}`, password);
  await saveConfig(api, {
    flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, restrictLogin: true },
    allowedCompanies: [`listed ${run}`, 'Openline Demo'],
  });
  const refused = await Phone.open(browser, unlisted, baseURL);
  const allowed = await Phone.open(browser, listed, baseURL);
  try {
    await expectRefused(refused, password, `Accounts of Globex ${run} cannot sign in here.`);
    await allowed.signIn(password);
  } finally {
    await saveConfig(api, {});
    await refused.close();
    await allowed.close();
  }
});

test('Edit Settings off: a signed-in user’s SIP account fields are read-only', async ({ carol, request }) => {
  const api = await adminApi(request);
  await carol.signIn();
  await saveConfig(api, { flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, editSettings: false } });
  try {
    const page = carol.page;
    await expect(page.getByText('Your provider manages these settings.')).toBeVisible();
    for (const label of ['Username', 'Password', 'Domain', 'WebSocket URL']) {
      await expect(page.getByLabel(label, { exact: true })).toBeDisabled();
    }
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await expect(carol.status).toHaveText('Registered');
  } finally {
    await saveConfig(api, {});
  }
  await expect(carol.page.getByLabel('Username', { exact: true })).toBeEnabled();
});
