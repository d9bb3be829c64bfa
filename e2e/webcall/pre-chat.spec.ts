/**
 * Issue 14, "the pre-chat form's answers shown to the agent": the admin turns the pre-chat form on in
 * Admin → Configuration → Join page; a customer opening a link answers it first (a bad e-mail is caught
 * by the forms engine, the name is required), then reaches the camera check and the chat; the agent sees
 * "Pre-chat: Name …, E-mail …, Reason …" beside the room chat, with the customer's device. A reload does
 * not ask again; a customer whose browser speaks Arabic gets the form's own words in Arabic. axe on the
 * form and on the agent's panel. The server's configuration is put back
 * afterwards. Needs the built app (`npx vite build`).
 */
import { axeOn } from '../support/axe';
import { DEFAULT_WEBPHONE_CONFIG } from '../../src/api/webphone-schemas';
import { DEMO_PASSWORD } from '../support/ports';
import { expect, test } from '../support/phone';
import { createLinkInAgentTab, customerPage } from '../support/webcall-links';
import { shootSizes } from '../support/screenshots';

const SHOTS = '/tmp/shots-pre-chat';

test('pre-chat answers reach the agent’s panel before the call', async ({ alice, browser, baseURL }) => {
  test.setTimeout(120_000);
  await alice.signIn();
  const admin = alice.page;
  const nav = admin.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Admin' }).click();
  const section = admin.getByRole('group', { name: 'Join page' });
  await section.getByLabel('Pre-chat form').check();
  const fieldsBox = section.getByLabel('Pre-chat fields');
  const defaults = await fieldsBox.inputValue();
  await fieldsBox.fill('[{"name": "email",');
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(section.getByText(/^Not valid JSON/)).toBeVisible();
  await fieldsBox.fill(defaults);
  await admin.getByRole('button', { name: 'Save configuration' }).click();
  await expect(admin.getByTestId('admin-status')).toHaveText(/^Saved/);

  await nav.getByRole('link', { name: 'Agent' }).click();
  const link = await createLinkInAgentTab(admin);

  const { context, page, errors } = await customerPage(browser, {
    baseURL,
    screen: { width: 390, height: 844 },
    // A language Openline has no catalog for: the page stays English, the agent still learns it.
    locale: 'de-DE',
  });
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video call with Ada Agent');

  // The form comes first: no camera check, no Join, no chat yet.
  const form = page.getByRole('region', { name: 'Before we start' });
  await expect(form).toBeVisible();
  await expect(page.getByRole('button', { name: 'Join call' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Chat/ })).toHaveCount(0);
  await form.getByLabel('E-mail').fill('chris@');
  await form.getByRole('button', { name: 'Continue' }).click();
  await expect(form.getByRole('alert')).toHaveText('2 answers need attention.');
  await expect(form.getByText('Name is required.')).toBeVisible();
  const formAxe = await axeOn(page).analyze();
  expect(formAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shootSizes(page, SHOTS, 'customer-form');
  await page.setViewportSize({ width: 390, height: 844 });
  await form.getByLabel('Name').fill('Chris Customer');
  await form.getByLabel('E-mail').fill('chris@example.com');
  await form.getByLabel('Reason for the call').fill('The router blinks red');
  await form.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Chat/ })).toBeVisible();
  const prechat = admin.getByTestId('webcall-chat-prechat');
  await expect(prechat.locator('dt')).toHaveText(['Name', 'E-mail', 'Reason for the call']);
  await expect(prechat.locator('dd')).toHaveText([
    'Chris Customer',
    'chris@example.com',
    'The router blinks red',
  ]);
  await expect(admin.getByTestId('webcall-chat-guest')).toContainText('Language de-DE');
  const agentAxe = await axeOn(admin).include('.webcall-panel').analyze();
  expect(agentAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await shootSizes(admin, SHOTS, 'agent-panel');

  // A reload does not ask again, and the agent still has the answers.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Before we start' })).toHaveCount(0);
  await expect(prechat.locator('dd').first()).toHaveText('Chris Customer');
  expect(errors).toEqual([]);
  await context.close();

  // A customer whose browser speaks Arabic meets the form's own words in Arabic (the operator's field
  // labels are the operator's text, shown as written).
  const ar = await customerPage(browser, { baseURL, screen: { width: 390, height: 844 }, locale: 'ar' });
  await ar.page.goto(link);
  const arForm = ar.page.getByRole('region', { name: 'قبل أن نبدأ' });
  await expect(arForm).toBeVisible();
  await expect(arForm.getByText('أخبرنا قليلًا عن نفسك ليتمكن الموظف من مساعدتك فورًا.')).toBeVisible();
  await expect(arForm.getByRole('button', { name: 'متابعة', exact: true })).toBeVisible();
  expect(ar.errors).toEqual([]);
  await ar.context.close();
});

// Back to today's behaviour for the specs that follow on this shared server, even after a failure.
test.afterEach(async ({ request }) => {
  const session = await request.post('/api/session', { data: { username: '1001', password: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const res = await request.put('/api/webphone/config', { data: DEFAULT_WEBPHONE_CONFIG });
  expect(res.status()).toBe(200);
});
