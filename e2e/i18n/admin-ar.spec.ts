/**
 * Issue 13: Admin → Configuration and Admin → Accounts in Arabic (right to left), in real Chromium with
 * the browser's language set: the document turns `dir=rtl`, the heading, section links, legends, labels
 * and buttons are the admin catalog's translations (no English left in them), and both sections are
 * axe-clean in Arabic. Screenshots (phone and desktop) for a person to look at. Signing in goes by the
 * form's ids, so the spec does not depend on how Settings is translated.
 */
import { expect, test } from '../support/phone';
import { expectAxeClean, openIn, signInByIds } from '../support/i18n';
import { shootSizes } from '../support/screenshots';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? '/tmp/shots-i18n-admin';

test('Admin configuration and accounts in Arabic: right to left, translated, axe-clean', async ({
  browser,
  baseURL,
}) => {
  const page = await openIn(browser, 'ar', baseURL);
  await signInByIds(page, '1001');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.locator('nav a[href="/admin"]').click();
  await expect(page.getByRole('heading', { level: 1, name: 'الإدارة' })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'أقسام الإدارة' });
  await expect(sections.getByRole('link', { name: 'الإعدادات العامة' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByText('العلامة التجارية', { exact: true })).toBeVisible();
  await expect(page.getByLabel('اسم العلامة التجارية')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'سجل التدقيق' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'حفظ الإعدادات' })).toBeVisible();
  // No English left in the section's own texts (the operator's data, e.g. the brand name, may be English).
  for (const english of ['Brand name', 'Save configuration', 'Flags', 'Audit', 'Dialpad tab', 'Custom CSS']) {
    await expect(page.getByText(english, { exact: true })).toHaveCount(0);
  }
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'admin-configuration-ar', true);

  await sections.getByRole('link', { name: 'الحسابات' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'حساب جديد' })).toBeVisible();
  await expect(page.getByLabel('البحث في الحسابات')).toBeVisible();
  const admin = page.getByTestId('account-1001');
  await expect(admin.getByRole('button', { name: 'تعديل 1001' })).toBeVisible();
  await expect(admin).toContainText('مسؤول');
  for (const english of ['Create account', 'Reset password', 'Edit', 'New account', 'Initial password']) {
    await expect(page.getByText(english, { exact: true })).toHaveCount(0);
  }
  await expectAxeClean(page);
  await shootSizes(page, SHOTS, 'admin-accounts-ar', true);
  await page.context().close();
});
