/**
 * Issue 13: Admin → Buttons, Forms and Pages and the Agent tab's workspace in Arabic (right to left), in
 * real Chromium with the browser's language set (`locale: 'ar'`): the document turns `dir=rtl`, the
 * sections' headings and the workspace's texts are the catalogs' translations, and each screen is
 * axe-clean in Arabic. Screenshots (phone and desktop) for a person to look at. Signing in and moving
 * between screens go by ids, hrefs and classes, so the spec does not depend on other areas' translations.
 */
import { expect, test } from '../support/phone';
import { expectAxeClean, openIn, signInByIds } from '../support/i18n';
import { shootSizes } from '../support/screenshots';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? '/tmp/shots-i18n-admin-agent';

test('Admin builders and the Agent workspace in Arabic: right to left, translated, axe-clean', async ({
  browser,
  baseURL,
}) => {
  test.slow(); // four screens with axe and screenshots on a shared machine
  const page = await openIn(browser, 'ar', baseURL);
  try {
    await signInByIds(page, '1001');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    const sections = [
      { section: 'buttons', heading: 'أزرار الوكيل', form: 'زر جديد' },
      { section: 'forms', heading: 'نماذج الوكيل', form: 'نموذج جديد' },
      { section: 'pages', heading: 'صفحات القائمة', form: 'صفحة جديدة' },
    ] as const;
    await page.locator('nav a[href="/admin"]').click();
    for (const { section, heading, form } of sections) {
      await page.locator(`a[href="/admin?section=${section}"]`).click();
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: form })).toBeVisible();
      await expectAxeClean(page);
      await shootSizes(page, SHOTS, `admin-${section}-ar`, true);
    }
    // The form preview follows the draft in Arabic too (its own texts: "Preview", Cancel).
    await page.locator('a[href="/admin?section=forms"]').click();
    await expect(page.getByRole('heading', { level: 3, name: 'معاينة' })).toBeVisible();
    // A form without its own submit label gets the app's, in the viewer's language.
    await expect(page.locator('.agent-form button[type="submit"]')).toHaveText('إرسال');

    await page.locator('nav a[href="/agent"]').click();
    await expect(page.getByRole('heading', { level: 2, name: 'الحملة' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'إجراءات الشركة' })).toBeVisible();
    await expect(page.getByText('سجل الإجراءات', { exact: true })).toBeVisible();
    await expectAxeClean(page);
    await shootSizes(page, SHOTS, 'agent-ar', true);
  } finally {
    await page.context().close();
  }
});
