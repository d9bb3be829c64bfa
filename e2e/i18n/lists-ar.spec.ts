/**
 * Issue 13: History, Contacts and Voicemail in Arabic (right to left) and Spanish, in real Chromium with
 * the browser's language set (`locale`): the document turns `dir=rtl`, headings, empty states and buttons
 * are the catalogs' translations, the day ("اليوم"), the time and a voicemail's length are written in the
 * active language's digits, and every screen is axe-clean in Arabic. Screenshots (phone and desktop) of
 * each screen for a person to look at. Signing in goes by the form's ids and the header's state class, so
 * the spec does not depend on how Settings is translated.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/phone';
import { expectAxeClean, openIn, signInByIds } from '../support/i18n';
import { shootSizes } from '../support/screenshots';
import { ingestVoicemail } from '../support/voicemail';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? '/tmp/shots-i18n-lists';

/** Client-side, through the tab bar (a reload would register again). */
const openTab = (page: Page, path: string) => page.locator(`nav a[href="${path}"]`).click();

/** `value` as the page's Arabic writes numbers (Chromium decides the digits, as it does for the app). */
const arabicDigits = (page: Page, value: number, minimumIntegerDigits = 1) =>
  page.evaluate(
    ([n, min]) => new Intl.NumberFormat('ar', { minimumIntegerDigits: min, useGrouping: false }).format(n),
    [value, minimumIntegerDigits] as const,
  );

test('History, Contacts and Voicemail in Arabic: right to left, translated, local digits, axe-clean', async ({
  alice,
  browser,
  baseURL,
}) => {
  test.slow(); // two phones, a call, a voicemail, three screens with axe and screenshots
  const ingested = await ingestVoicemail(baseURL!, {
    mailbox: '1003',
    caller: '1001',
    callerName: 'Ada Agent',
    callId: 'e2e-i18n-lists-voicemail',
    seconds: 3,
  });
  expect(ingested.status).toBe(201);

  const page = await openIn(browser, 'ar', baseURL);
  await signInByIds(page, '1003');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');

  // History: empty, then a missed call from alice (she gives up while it rings).
  await openTab(page, '/history');
  await expect(page.getByRole('heading', { level: 1, name: 'السجل' })).toBeVisible();
  await expect(page.getByText('سيظهر سجل المكالمات هنا بعد مكالمتك الأولى.')).toBeVisible();
  await alice.signIn();
  await alice.dial('1003');
  await expect(page.locator('.incoming-sheet')).toBeVisible();
  await alice.button('Hang up').click();
  await expect(page.locator('.incoming-sheet')).toBeHidden();
  const rows = page.getByRole('list', { name: 'المكالمات' }).locator('.history-entry');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('مكالمة صوتية فائتة');
  await expect(rows.first()).toContainText('Ada Agent');
  await expect(page.getByRole('heading', { name: 'اليوم' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'عرض' }).getByRole('button', { name: 'الفائتة' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'الاتصال بـ Ada Agent' })).toBeVisible();
  // The time of the call, as Arabic writes it (the same formatter the app uses, in the page).
  const time = rows.first().locator('time');
  const startedAt = await time.getAttribute('datetime');
  const expectedTime = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('ar', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso!)),
    startedAt,
  );
  await expect(time).toHaveText(expectedTime);
  // Right to left: the row's icon is on the right, its call and menu buttons on the left.
  const icon = await rows.first().locator('.history-entry-icon').boundingBox();
  const actions = await rows.first().locator('.history-entry-actions').boundingBox();
  expect(icon!.x).toBeGreaterThan(actions!.x);
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'history-ar');
  await page.setViewportSize({ width: 390, height: 844 });
  await rows.first().getByRole('button', { name: 'إجراءات أخرى لـ Ada Agent' }).click();
  await expect(page.getByRole('menuitem', { name: 'إرسال رسالة' })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/history-ar-menu-390x844.png` });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'مسح الكل' }).click();
  const dialog = page.getByRole('dialog', { name: 'هل تريد مسح سجل المكالمات بالكامل؟' });
  await expect(dialog).toContainText('ستُحذف المكالمة الموجودة في سجل هذا الحساب');
  await expectAxeClean(page);
  await page.screenshot({ path: `${SHOTS}/history-ar-clear-1280x800.png` });
  await dialog.getByRole('button', { name: 'إلغاء' }).click();

  // Contacts: the company directory, one person, and the new-contact form.
  await openTab(page, '/contacts');
  await expect(page.getByRole('heading', { level: 1, name: 'جهات الاتصال' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'جهة اتصال جديدة' })).toBeVisible();
  const ada = page.getByRole('link', { name: /Ada Agent/ });
  await expect(ada).toContainText('الدليل');
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'contacts-ar');
  await ada.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Agent' })).toBeVisible();
  await expect(page.getByText('من دليل الشركة (للقراءة فقط).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'مكالمة صوتية' })).toBeVisible();
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'contact-detail-ar');
  await page.getByRole('link', { name: 'حفظ في جهات اتصالي' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'جهة اتصال جديدة' })).toBeVisible();
  await expect(page.getByLabel('الاسم', { exact: true })).toHaveValue('Ada Agent');
  await expect(page.getByLabel('تسمية الرقم ' + (await arabicDigits(page, 1)))).toHaveValue('mobile');
  await expect(page.getByRole('option', { name: 'الجوّال' })).toBeAttached();
  await page.getByLabel('الاسم', { exact: true }).fill('');
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.getByText('تحقّق من الحقول المميّزة.')).toBeVisible();
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'contact-edit-ar', true);

  // Voicemail: the deposited message, its length in Arabic digits (mm:ss), then deleted.
  await openTab(page, '/voicemail');
  await expect(page.getByRole('heading', { level: 1, name: 'البريد الصوتي' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: 'e2e-i18n-lists-voicemail' });
  await expect(item).toContainText('جديدة');
  const length = `${await arabicDigits(page, 0, 2)}:${await arabicDigits(page, 3, 2)}`;
  await expect(item.locator('.vm-meta')).toContainText(length);
  await expect(item.getByLabel(`${await arabicDigits(page, 3)} ثوانٍ`)).toBeVisible();
  await expect(item.getByRole('link', { name: 'تنزيل' })).toBeVisible();
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'voicemail-ar', true);
  await item.getByRole('button', { name: 'حذف' }).click();
  await item.getByRole('button', { name: 'تأكيد الحذف' }).click();
  await expect(page.getByText(/^لا توجد رسائل\./)).toBeVisible();
  await expectAxeClean(page);
  await page.context().close();
});

test('History and Contacts in Spanish', async ({ browser, baseURL }) => {
  const page = await openIn(browser, 'es-ES', baseURL);
  await signInByIds(page, '1002');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await openTab(page, '/history');
  await expect(page.getByRole('heading', { level: 1, name: 'Historial' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Buscar llamadas' })).toHaveAttribute(
    'placeholder',
    'Buscar nombre o número',
  );
  await openTab(page, '/contacts');
  await expect(page.getByRole('heading', { level: 1, name: 'Contactos' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importar vCard' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Ada Agent/ })).toContainText('Directorio');
  await openTab(page, '/voicemail');
  await expect(page.getByRole('heading', { level: 1, name: 'Buzón de voz' })).toBeVisible();
  await page.context().close();
});
