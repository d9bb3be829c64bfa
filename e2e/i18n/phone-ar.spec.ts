/**
 * Languages (issue 13) on the softphone: Settings → Language switches the whole UI at once and keeps the
 * choice across a reload; Automatic follows the browser again. With an Arabic browser, the dialpad, an
 * incoming call and the answered call are in Arabic, right to left, with the keypad still 1-2-3 left to
 * right, media flowing, and no axe violations.
 */
import { axeOn } from '../support/axe';
import type { Browser, Page } from '@playwright/test';
import { expect, expectInboundRtp, Phone, test } from '../support/phone';
import { DEMO_PASSWORD } from '../support/ports';
import { installRtcProbe } from '../support/rtc-probe';
import { shootSizes } from '../support/screenshots';

const SHOTS = '/tmp/shots-phone-ar';

async function expectAxeClean(page: Page, selector: string): Promise<void> {
  const result = await axeOn(page).include(selector).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A phone whose browser speaks Arabic (navigator.languages = ['ar']). */
async function arabicPhone(browser: Browser, user: string, baseURL?: string): Promise<Phone> {
  const context = await browser.newContext({
    baseURL,
    locale: 'ar',
    permissions: ['camera', 'microphone', 'notifications'],
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await installRtcProbe(page);
  return new Phone(page, user);
}

/** Sign in through the (Arabic) Settings form; registered once the dialpad's call button is enabled. */
async function signInArabic(phone: Phone): Promise<void> {
  const { page } = phone;
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'الإعدادات' })).toBeVisible();
  await page.getByLabel('اسم المستخدم', { exact: true }).fill(phone.user);
  await page.getByLabel('كلمة المرور', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await page.goto('/dialpad');
  await expect(page.getByRole('button', { name: 'مكالمة صوتية' })).toBeDisabled(); // nothing typed yet
  await page.getByLabel('رقم أو عنوان SIP').fill('1');
  await expect(page.getByRole('button', { name: 'مكالمة صوتية' })).toBeEnabled({ timeout: 15_000 });
  await page.getByLabel('رقم أو عنوان SIP').fill('');
}

test('Settings → Language: Arabic at once, right to left, kept on reload; Automatic returns to English', async ({
  page,
}) => {
  await page.goto('/settings');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'ltr');
  const language = page.getByRole('combobox', { name: 'Language', exact: true });
  await expect(language.locator('option')).toHaveText([
    'Automatic (browser language)',
    'English',
    'Español',
    'العربية',
  ]);

  await language.selectOption({ label: 'العربية' });
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1, name: 'الإعدادات' })).toBeVisible();
  // Signed out, the shortcuts (another screen's catalog) are in "More settings".
  await page.locator('summary', { hasText: 'إعدادات أخرى' }).click();
  await expect(page.getByRole('heading', { name: 'اختصارات لوحة المفاتيح' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'اللغة', exact: true })).toHaveValue('ar');

  await page.reload();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'الإعدادات' })).toBeVisible();
  await expectAxeClean(page, 'main');
  await shootSizes(page, SHOTS, 'settings-ar', true);

  // Automatic: this browser is en-US, so back to English, left to right, and it stays so on reload.
  await page
    .getByRole('combobox', { name: 'اللغة', exact: true })
    .selectOption({ label: 'تلقائي (لغة المتصفح)' });
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('combobox', { name: 'Language', exact: true })).toHaveValue('auto');
});

test('an Arabic browser: dialpad, incoming and answered call in Arabic, right to left, media flowing', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000); // two sign-ins, a call with RTP checks, axe and screenshots
  const alice = await arabicPhone(browser, '1001', baseURL);
  const bob = await arabicPhone(browser, '1002', baseURL);
  try {
    await signInArabic(alice);
    await signInArabic(bob);

    // The dialpad: right to left around a keypad that still reads 1-2-3 left to right.
    const { page } = alice;
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const keypad = page.getByRole('group', { name: 'لوحة المفاتيح' });
    const x = async (digit: string) =>
      (await keypad.getByRole('button', { name: digit, exact: true }).boundingBox())!.x;
    expect(await x('1')).toBeLessThan(await x('2'));
    expect(await x('2')).toBeLessThan(await x('3'));
    await expect(page.getByLabel('رقم أو عنوان SIP')).toHaveAttribute('dir', 'ltr');
    await expectAxeClean(page, 'main');
    await shootSizes(page, SHOTS, 'dialpad-ar');

    await page.getByLabel('رقم أو عنوان SIP').fill('1002');
    await page.getByRole('button', { name: 'مكالمة صوتية' }).click();
    await expect(alice.callStatus).toHaveText(/جارٍ الاتصال…|يرن…/);

    const incoming = bob.page.getByRole('dialog', { name: 'مكالمة واردة' });
    await expect(incoming).toContainText('1001');
    await expectAxeClean(bob.page, '.incoming-sheet');
    await shootSizes(bob.page, SHOTS, 'incoming-ar');
    await incoming.getByRole('button', { name: 'رد', exact: true }).click();

    await expect(alice.callStatus).toHaveText('متصل');
    await expect(bob.callStatus).toHaveText('متصل');
    await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);
    const call = page.getByRole('region', { name: /^مكالمة مع / });
    await expect(call.getByRole('button', { name: 'إنهاء المكالمة' })).toBeEnabled();
    await expect(call.getByRole('button', { name: 'كتم الصوت' })).toHaveAttribute('aria-pressed', 'false');
    await expectAxeClean(page, '.call-screen');
    await shootSizes(page, SHOTS, 'in-call-ar');

    await call.getByRole('button', { name: 'إنهاء المكالمة' }).click();
    await expect(bob.callStatus).toHaveText('انتهت المكالمة');
  } finally {
    await alice.close();
    await bob.close();
  }
});
