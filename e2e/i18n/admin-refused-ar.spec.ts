/**
 * Issue 13: an Arabic admin whose save is refused reads why in Arabic only. The checks are the shared
 * (server-safe) zod schemas, which speak English; Admin words them at its boundary
 * (src/features/admin/builder-messages.ts). Admin → Forms refuses a form (no name, a field without a
 * label, 13 columns, a broken pattern, a list of several whose fewest choices exceed its most) and
 * Admin → General refuses a configuration (no brand name, a reconnect time below the minimum): every
 * message under a field and the status line are Arabic, with no English word in them. Nothing is saved.
 * Signing in and moving between screens go by ids and hrefs.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/phone';
import { expectAxeClean, openIn, signInByIds } from '../support/i18n';
import { shootSizes } from '../support/screenshots';

const SHOTS = process.env.OPENLINE_SHOTS_DIR ?? '/tmp/shots-i18n-admin-refused';
const ARABIC = /[\u0600-\u06FF]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** Every field error shown in `scope`, at least `min` of them, Arabic and without an English word. */
async function expectArabicErrors(scope: Locator, min: number): Promise<string[]> {
  const errors = scope.locator('.field-error');
  await expect.poll(() => errors.count()).toBeGreaterThanOrEqual(min);
  const texts = await errors.allInnerTexts();
  for (const text of texts) {
    expect(text, text).toMatch(ARABIC);
    expect(text, text).not.toMatch(LATIN_WORD);
  }
  return texts;
}

async function expectArabicStatus(page: Page, testId: string) {
  const status = page.getByTestId(testId);
  await expect(status).toHaveText(ARABIC);
  expect(await status.innerText()).not.toMatch(LATIN_WORD);
}

test('a refused save in the Arabic Admin says why in Arabic only', async ({ browser, baseURL }) => {
  test.slow(); // two screens with axe and screenshots on a shared machine
  const page = await openIn(browser, 'ar', baseURL);
  try {
    await signInByIds(page, '1001');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.locator('nav a[href="/admin"]').click();

    // ---- Admin → Forms ----------------------------------------------------------------------------
    await page.locator('a[href="/admin?section=forms"]').click();
    const editor = page.locator('form').filter({ has: page.locator('#form-name') });
    await page.locator('#form-id').fill('survey-ar');
    const first = page.getByTestId('form-field-0');
    await first.locator('input[id$="-width"]').fill('13');
    await first.locator('input[id$="-regex"]').fill('(');
    await editor.locator('#form-add-field').click();
    const second = page.getByTestId('form-field-1');
    await second.locator('select[id$="-type"]').selectOption('select-multiple');
    await second.locator('input[id$="-label"]').fill('المواضيع');
    await second.locator('textarea[id$="-options"]').fill('أ\nب');
    await second.locator('input[id$="-min_select"]').fill('3');
    await second.locator('input[id$="-max_select"]').fill('2');
    await editor.locator('button[type="submit"]').click();

    const formErrors = await expectArabicErrors(editor, 5);
    // The form's name, the first field's label, width and pattern, the list's limits: each said once.
    expect(new Set(formErrors).size).toBeGreaterThanOrEqual(5);
    await expect(page.locator('#form-name')).toBeFocused();
    await expectArabicStatus(page, 'forms-status');
    await expect(second.locator('input[id$="-min_select"]')).toHaveAttribute('aria-invalid', 'true');
    await expectAxeClean(page);
    await shootSizes(page, SHOTS, 'admin-forms-refused-ar', true);

    // ---- Admin → General configuration -------------------------------------------------------------
    await page.locator('.admin-sections a[href="/admin"]').click();
    await page.locator('#admin-brand-name').fill(' ');
    await page.locator('#admin-join-reconnect').fill('1');
    const general = page.locator('form').filter({ has: page.locator('#admin-brand-name') });
    await general.locator('button[type="submit"]').click();
    await expectArabicErrors(general, 2);
    await expect(page.locator('#admin-brand-name')).toBeFocused();
    await expectArabicStatus(page, 'admin-status');
    await expectAxeClean(page);
    await shootSizes(page, SHOTS, 'admin-general-refused-ar', true);
  } finally {
    await page.context().close();
  }
});
