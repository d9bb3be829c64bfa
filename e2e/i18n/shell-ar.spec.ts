/**
 * Languages (issue 13): the shell in Arabic (right to left) and Spanish, from the browser's language
 * alone. The signed-out screen and the signed-in shell are `<html dir=rtl lang=ar>` with Arabic tab
 * labels, skip link and registration status, and axe finds nothing; the customer's join page follows
 * the customer's browser too; a Spanish browser gets Spanish tabs. Screenshots at phone and desktop
 * size go to test-results/i18n for a person to look at.
 */
import { encodeLink } from '../../src/webcall/link';
import { DEMO_PASSWORD } from '../support/ports';
import { expectAxeClean, openIn } from '../support/i18n';
import { expect, test } from '../support/phone';
import { shootSizes } from '../support/screenshots';
import { serverRoom } from '../support/webcall-links';

const SHOTS = 'test-results/i18n';
const ARABIC_TABS = [
  'لوحة الاتصال',
  'السجل',
  'جهات الاتصال',
  'البريد الصوتي',
  'الدردشة',
  'الوكيل',
  'الإعدادات',
];

test('the shell in Arabic: right to left, Arabic tabs and status, axe clean, signed out and signed in', async ({
  browser,
  baseURL,
}) => {
  const page = await openIn(browser, 'ar', baseURL, ['camera', 'microphone']);
  await page.goto('/');
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');

  const nav = page.getByRole('navigation', { name: 'الرئيسية' });
  await expect(nav.getByRole('link')).toHaveText(ARABIC_TABS);
  await expect(page.getByRole('link', { name: 'انتقل إلى المحتوى' })).toBeAttached();
  await expect(page.getByTestId('registration-status')).toHaveText('غير مسجَّل');
  // Right to left: the side navigation starts at the right edge of the desktop window.
  const navBox = await nav.boundingBox();
  expect(navBox && navBox.x + navBox.width).toBeGreaterThan(1280 - 20);
  await expectAxeClean(page, null);
  await shootSizes(page, SHOTS, 'ar-signed-out');

  // Sign in (the Settings form's own labels belong to the settings catalog: found by autocomplete here).
  await page.locator('input[autocomplete="username"]').fill('1001');
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.locator('.settings-actions button[type="submit"]').click();
  await expect(page.getByTestId('registration-status')).toHaveText('مسجَّل');
  await nav.getByRole('link', { name: 'السجل' }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(page).toHaveTitle(/^السجل · /);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAxeClean(page, null);
  await shootSizes(page, SHOTS, 'ar-history-tab');
  await page.context().close();
});

test('the join page in Arabic: right to left, Arabic link errors, axe clean', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL ?? 'http://127.0.0.1:18080';
  const page = await openIn(browser, 'ar', baseURL, ['camera', 'microphone']);

  // A damaged link: the sentence (ui catalog) is Arabic.
  await page.goto('/join#2.damaged');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('alert')).toHaveText(
    'رابط المكالمة هذا غير مكتمل أو ليس رابط مكالمة. افتح الرابط كاملًا من الرسالة التي تلقيتها، أو اطلب رابطًا جديدًا.',
  );
  await expectAxeClean(page, null);
  await shootSizes(page, SHOTS, 'ar-join-damaged');

  // A real link from the server: the pre-join screen, right to left and axe clean.
  const { link } = await serverRoom(origin);
  await page.goto(await encodeLink(link, { origin }));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('meter')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAxeClean(page, null);
  await shootSizes(page, SHOTS, 'ar-join-prejoin');
  await page.context().close();
});

test('a Spanish browser gets the tabs in Spanish, left to right', async ({ browser, baseURL }) => {
  const page = await openIn(browser, 'es-MX', baseURL, ['camera', 'microphone']);
  await page.goto('/settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('navigation', { name: 'Principal' }).getByRole('link')).toHaveText([
    'Teclado',
    'Historial',
    'Contactos',
    'Buzón de voz',
    'Chat',
    'Agente',
    'Ajustes',
  ]);
  await expect(page.getByTestId('registration-status')).toHaveText('No registrado');
  await page.context().close();
});

test('the phone tab bar in Arabic shows whole labels and keeps the current tab in sight (it scrolls from the right)', async ({
  browser,
  baseURL,
}) => {
  const page = await openIn(browser, 'ar', baseURL, ['camera', 'microphone']);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  const nav = page.getByRole('navigation', { name: 'الرئيسية' });
  await expect(nav.getByRole('link', { name: 'الإعدادات' })).toBeInViewport({ ratio: 0.9 });
  // Arabic labels are longer than English ones: each is shown whole (the bar scrolls instead).
  const cut = await page
    .locator('.nav-label')
    .evaluateAll((labels) =>
      labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent ?? ''),
    );
  expect(cut).toEqual([]);
  await page.screenshot({ path: 'test-results/i18n/ar-tab-bar-settings-390x844.png' });
  await nav.getByRole('link', { name: 'لوحة الاتصال' }).click();
  await expect(nav.getByRole('link', { name: 'لوحة الاتصال' })).toBeInViewport({ ratio: 0.9 });
  await page.context().close();
});
