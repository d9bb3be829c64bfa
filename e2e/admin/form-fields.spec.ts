/**
 * Issue 13: the form builder covers the field types the runner supports, including a text block (HTML,
 * sanitised with DOMPurify in the preview and in the Agent tab) and a list that takes several options
 * with the fewest and most choices (`min_select` / `max_select`). Admin 1001 builds such a form and a
 * button that opens it, through Admin only; a limit that cannot be met is refused by the builder.
 * Agent 1002, with the Agent tab open, presses the button and the Agent tab enforces the limits: too
 * few and too many choices are refused with their sentence, a choice within them is submitted. axe on
 * both, and screenshots at phone and desktop size. Built definitions are deleted at the end.
 */
import type { Page } from '@playwright/test';
import { expectAxeClean } from '../support/i18n';
import { shootSizes } from '../support/screenshots';
import { expect, test } from '../support/phone';
import { openAdminSection } from '../support/admin';

const SHOTS = '/tmp/shots-form-fields';
const run = Date.now().toString(36).slice(-5);
const formId = `topics-${run}`;
const formName = `Topics ${run}`;
const buttonId = `topics-${run}`;
const buttonLabel = `Topics ${run}`;
const HOSTILE_HTML =
  '<p>Ask about <b>every</b> topic.</p><img src="x" alt="" onerror="window.pwned = 1"><script>window.pwned = 2</script>';

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null);

test('a form with a text block and a list of 2 to 3 choices, built in Admin, is enforced in the Agent tab', async ({
  alice,
  bob,
}) => {
  test.setTimeout(180_000);
  await bob.signIn();
  await bob.openTab('Agent');
  const actions = bob.page.getByRole('group', { name: 'Company actions' });
  await expect(actions.getByRole('button', { name: 'CRM lookup' })).toBeVisible();

  await alice.signIn();
  const admin = alice.page;
  try {
    // ---- Admin → Forms -------------------------------------------------------------------------
    await openAdminSection(admin, 'Forms');
    await admin.getByLabel('Form name').fill(formName);
    await admin.getByLabel('Form id').fill(formId);
    const field = (i: number) => admin.getByTestId(`form-field-${i}`);

    await field(0).getByLabel('Type').selectOption({ label: 'Text block (HTML)' });
    await field(0).getByLabel('Name', { exact: true }).fill('intro');
    // A text block has no value: no Required, no validation, no pattern.
    await expect(field(0).getByLabel('Required')).toHaveCount(0);
    await expect(field(0).getByLabel('Validation')).toHaveCount(0);
    await field(0).getByLabel('Text (HTML)').fill(HOSTILE_HTML);

    await admin.getByRole('button', { name: 'Add field' }).click();
    await field(1).getByLabel('Type').selectOption({ label: 'List (choose several)' });
    await field(1).getByLabel('Label').fill('Topics');
    await field(1).getByLabel('Name', { exact: true }).fill('topics');
    await field(1).getByLabel('Options').fill('Billing\nSupport\nSales\nOther');
    // More than the list has: refused in the builder, on the field, before anything is sent.
    await field(1).getByLabel('Fewest choices').fill('5');
    await admin.getByRole('button', { name: 'Create form' }).click();
    await expect(field(1).getByLabel('Fewest choices')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(1).getByLabel('Fewest choices')).toBeFocused();
    await expect(field(1)).toContainText('Fewer options (4) than the fewest choices.');
    await field(1).getByLabel('Fewest choices').fill('2');
    await field(1).getByLabel('Most choices').fill('3');

    // The preview is the Agent tab's form: the text block sanitised, the limits said.
    const preview = admin.getByTestId('form-preview');
    await expect(preview.getByTestId('agent-form-html')).toContainText('Ask about every topic.');
    await expect(preview.getByTestId('agent-form-html').locator('b')).toHaveText('every');
    await expect(preview.getByTestId('agent-form-html').locator('script, [onerror]')).toHaveCount(0);
    const previewTopics = preview.getByRole('group', { name: 'Topics' });
    await expect(previewTopics).toContainText('Choose 2 to 3 options.');
    await previewTopics.getByLabel('Billing').check();
    await preview.getByRole('button', { name: 'Submit' }).click();
    await expect(previewTopics).toContainText('Choose at least 2 options.');
    expect(await pwned(admin)).toBeNull();
    await expectAxeClean(admin);
    await shootSizes(admin, SHOTS, 'builder', true);

    await admin.getByRole('button', { name: 'Create form' }).click();
    await expect(admin.getByTestId('forms-status')).toHaveText(`Form ${formName} saved.`);
    await expect(admin.getByTestId(`agent-form-${formId}`)).toContainText('2 fields');

    // Editing it again shows what was saved.
    await admin.getByRole('button', { name: `Edit form ${formName}` }).click();
    await expect(field(1).getByLabel('Type')).toHaveValue('select-multiple');
    await expect(field(1).getByLabel('Fewest choices')).toHaveValue('2');
    await expect(field(1).getByLabel('Most choices')).toHaveValue('3');
    const editor = admin.locator('form').filter({ has: admin.locator('#form-name') });
    await editor.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(admin.locator('#form-name')).toHaveValue('');

    // ---- Admin → Buttons -----------------------------------------------------------------------
    await openAdminSection(admin, 'Buttons');
    await admin.getByLabel('Label', { exact: true }).fill(buttonLabel);
    await admin.getByLabel('Id', { exact: true }).fill(buttonId);
    await admin.getByLabel('Opens form').selectOption(formId);
    await admin.getByRole('button', { name: 'Create button' }).click();
    await expect(admin.getByTestId('buttons-status')).toHaveText(
      `Button ${buttonLabel} saved. Open Agent tabs show it now.`,
    );

    // ---- The agent --------------------------------------------------------------------------------
    await actions.getByRole('button', { name: buttonLabel }).click();
    const panel = bob.page.locator(`[data-form-id="${formId}"]`);
    await expect(panel.getByRole('heading', { name: formName })).toBeFocused();
    await expect(panel.getByTestId('agent-form-html')).toContainText('Ask about every topic.');
    await expect(panel.getByTestId('agent-form-html').locator('script, img[onerror]')).toHaveCount(0);
    const topics = panel.getByRole('group', { name: 'Topics' });
    await expect(topics).toContainText('Choose 2 to 3 options.');
    const submit = panel.getByRole('button', { name: 'Submit' });

    await topics.getByLabel('Billing').check();
    await submit.click();
    await expect(topics).toHaveAttribute('aria-invalid', 'true');
    await expect(topics).toContainText('Choose at least 2 options.');

    for (const option of ['Support', 'Sales', 'Other']) await topics.getByLabel(option).check();
    await expect(topics).not.toContainText('Choose at least 2 options.');
    await submit.click();
    await expect(topics).toContainText('Choose at most 3 options.');
    // The whole tab, with entries in its action trace (a log of list items: axe-clean since session 10).
    await expect(bob.page.getByTestId('agent-trace').locator('li').first()).toBeVisible();
    await expectAxeClean(bob.page);
    await shootSizes(bob.page, SHOTS, 'agent-refused', true);

    await topics.getByLabel('Other').uncheck();
    await submit.click();
    // Without a server script a valid form is checked by the server and closed.
    await expect(panel).toHaveCount(0);
    expect(await pwned(bob.page)).toBeNull();
  } finally {
    await admin.request.delete(`/api/admin/agent/buttons/${buttonId}`);
    await admin.request.delete(`/api/admin/agent/forms/${formId}`);
  }
});
