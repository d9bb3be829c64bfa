/**
 * Issue 13: the button and form builders, as users see them (ADR 0022). Admin 1001 builds a form
 * (a required text field, a phone field, a list; reordered with the keyboard; previewed live) and a
 * button that opens it, through Admin → Forms and Admin → Buttons only; an invalid fn is refused in the
 * builder with the runner's sentence. Agent 1002, with the Agent tab already open, sees the button
 * appear without reloading, presses it, is told to fill in the required field, fills the form, and
 * the submit reaches the form's server script (the CRM entry it saves is in the company directory).
 * The changes are in the audit. The server is shared by every spec: names are unique per run and the
 * built definitions are deleted at the end.
 */
import { axeOn } from '../support/axe';
import type { Page } from '@playwright/test';
import { PhonebookPage } from '../../src/api/directory-schemas';
import { shootSizes } from '../support/screenshots';
import { expect, test } from '../support/phone';
import { openAdminSection } from '../support/admin';

const SHOTS = '/tmp/shots-builders';
const run = Date.now().toString(36).slice(-5);
const formId = `survey-${run}`;
const formName = `Survey ${run}`;
const buttonId = `survey-${run}`;
const buttonLabel = `Survey ${run}`;

async function expectAxeClean(page: Page) {
  const axe = await axeOn(page).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
}

/** The company directory entry with this name, read page by page as the Contacts sync does. */
async function findInDirectory(page: Page, name: string) {
  let since = 0;
  for (;;) {
    const res = await page.request.get(`/api/phonebook?since=${since}`);
    expect(res.status()).toBe(200);
    const body = PhonebookPage.parse(await res.json());
    const found = body.entries.find((e) => e.name === name);
    if (found || !body.more) return found;
    since = body.rev;
  }
}

test('admin builds a form and a button in Admin; an open Agent tab gets the button and submits the form', async ({
  alice,
  bob,
}) => {
  // Two signed-in phones and a long admin journey on a shared 2-core machine.
  test.setTimeout(180_000);
  await bob.signIn();
  await bob.openTab('Agent');
  const actions = bob.page.getByRole('group', { name: 'Company actions' });
  await expect(actions.getByRole('button', { name: 'CRM lookup' })).toBeVisible();
  await expect(actions.getByRole('button', { name: buttonLabel })).toHaveCount(0);
  // A marker that a reload would wipe.
  await bob.page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await alice.signIn();
  const admin = alice.page;
  try {
    // ---- Admin → Forms -------------------------------------------------------------------------
    await openAdminSection(admin, 'Forms');
    await expect(admin.getByTestId('agent-form-disposition')).toContainText('Built in');
    await admin.getByLabel('Form name').fill(formName);
    await admin.getByLabel('Form id').fill(formId);
    await admin.getByLabel('Server script on submit').selectOption('crm-save');
    await admin.getByLabel('Submit button label').fill('Save survey');

    const field = (i: number) => admin.getByTestId(`form-field-${i}`);
    await field(0).getByLabel('Type').selectOption({ label: 'List (choose one)' });
    await field(0).getByLabel('Label').fill('Company');
    await field(0).getByLabel('Name', { exact: true }).fill('company');
    await field(0).getByLabel('Options').fill('Acme\nGlobex Corp=globex');

    await admin.getByRole('button', { name: 'Add field' }).click();
    await field(1).getByLabel('Label').fill('Full name');
    await field(1).getByLabel('Name', { exact: true }).fill('name');
    await field(1).getByLabel('Width (1–12 columns)').fill('6');
    await field(1).getByLabel('Required').check();

    await admin.getByRole('button', { name: 'Add field' }).click();
    await expect(field(2).getByLabel('Type')).toBeFocused();
    await field(2).getByLabel('Type').selectOption({ label: 'Phone number' });
    await field(2).getByLabel('Label').fill('Phone');
    await field(2).getByLabel('Name', { exact: true }).fill('phone');
    await field(2).getByLabel('Width (1–12 columns)').fill('6');

    // Reorder with the keyboard: the list moves from first to last.
    const moveDown = admin.getByRole('button', { name: 'Move Field 1: Company down' });
    await moveDown.focus();
    await admin.keyboard.press('Enter');
    await expect(admin.getByRole('button', { name: 'Move Field 2: Company down' })).toBeFocused();
    await admin.keyboard.press('Enter');
    await expect(field(2).getByLabel('Label')).toHaveValue('Company');
    await expect(field(0).getByLabel('Label')).toHaveValue('Full name');

    // A width out of range is refused by the field, before anything is sent.
    await field(0).getByLabel('Width (1–12 columns)').fill('13');
    await admin.getByRole('button', { name: 'Create form' }).click();
    await expect(field(0).getByLabel('Width (1–12 columns)')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(0)).toContainText('1 to 12 columns.');
    await field(0).getByLabel('Width (1–12 columns)').fill('6');
    await expect(field(0)).not.toContainText('1 to 12 columns.');

    // The live preview is the Agent tab's form: fields in order, the required one checked.
    const preview = admin.getByTestId('form-preview');
    await expect(preview.getByRole('heading', { name: formName })).toBeVisible();
    await expect(preview.getByLabel(/^Full name/)).toBeVisible();
    await expect(preview.getByLabel('Company')).toHaveValue('Acme');
    await preview.getByRole('button', { name: 'Save survey' }).click();
    await expect(preview.getByLabel(/^Full name/)).toHaveAttribute('aria-invalid', 'true');
    await expectAxeClean(admin);
    await shootSizes(admin, SHOTS, 'forms', true);

    await admin.getByRole('button', { name: 'Create form' }).click();
    await expect(admin.getByTestId('forms-status')).toHaveText(`Form ${formName} saved.`);
    await expect(admin.getByTestId(`agent-form-${formId}`)).toContainText('3 fields · script crm-save');

    // ---- Admin → Buttons -----------------------------------------------------------------------
    await openAdminSection(admin, 'Buttons');
    await expect(admin.getByTestId('agent-button-crm-lookup')).toContainText('Built in');
    await admin.getByLabel('Label', { exact: true }).fill(buttonLabel);
    await admin.getByLabel('Id', { exact: true }).fill(buttonId);
    await admin.getByLabel('Colour').selectOption('info');
    await admin.getByLabel('Icon').selectOption('star');
    await admin.getByLabel('Tooltip').fill('Ask the caller three questions');
    await admin.getByLabel('Sort order').fill('5');
    await expect(admin.getByTestId('button-preview')).toHaveText(buttonLabel);
    await expect(admin.getByTestId('button-preview').locator('svg')).toHaveCount(1);

    // An fn the runner cannot run is refused while typing, with its sentence.
    const fn = admin.getByLabel('Action (fn)');
    await fn.fill('dance()');
    await expect(fn).toHaveAttribute('aria-invalid', 'true');
    await expect(admin.locator('#button-fn-error')).toContainText(
      'Unknown action "dance". Known: answerCall',
    );
    await admin.getByRole('button', { name: 'Create button' }).click();
    await expect(admin.getByTestId('buttons-status')).toHaveText('Not saved: 1 field needs attention.');
    await expect(fn).toBeFocused();
    await fn.fill("openForm('Survey'");
    await expect(admin.locator('#button-fn-error')).toHaveText("Missing ')' at the end.");
    await fn.fill('');
    await admin.getByLabel('Opens form').selectOption(formId);
    await expectAxeClean(admin);
    await shootSizes(admin, SHOTS, 'buttons', true);
    await admin.getByRole('button', { name: 'Create button' }).click();
    await expect(admin.getByTestId('buttons-status')).toHaveText(
      `Button ${buttonLabel} saved. Open Agent tabs show it now.`,
    );
    await expect(admin.getByTestId(`agent-button-${buttonId}`)).toContainText(`form ${formName}`);

    // ---- The agent, without reloading ------------------------------------------------------------
    const built = actions.getByRole('button', { name: buttonLabel });
    await expect(built).toBeVisible();
    await expect(built).toHaveAttribute('title', 'Ask the caller three questions');
    // Sort order 5 puts it first, before the demo's 10.
    await expect(actions.getByRole('button').first()).toHaveText(buttonLabel);
    expect(await bob.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
      true,
    );

    await built.click();
    const panel = bob.page.locator(`[data-form-id="${formId}"]`);
    await expect(panel.getByRole('heading', { name: formName })).toBeFocused();
    await panel.getByRole('button', { name: 'Save survey' }).click();
    await expect(panel.getByLabel(/^Full name/)).toHaveAttribute('aria-invalid', 'true');
    const customer = `Builder Customer ${run}`;
    await panel.getByLabel(/^Full name/).fill(customer);
    await panel.getByLabel('Phone').fill(`+1555${Date.now() % 1_000_000}`);
    await panel.getByLabel('Company').selectOption({ label: 'Globex Corp' });
    await panel.getByRole('button', { name: 'Save survey' }).click();
    await expect(panel).toHaveCount(0);

    // The server script saved what the agent typed into the company directory.
    const entry = await findInDirectory(admin, customer);
    expect(entry?.organization).toBe('globex');

    // Every change is audited: who, what, before and after.
    const audit = (await (await admin.request.get('/api/admin/audit?limit=20')).json()) as {
      entries: Array<{ actor: string; action: string; before: unknown; after: { id?: string } | null }>;
    };
    const mine = audit.entries.filter((e) => e.after?.id === formId || e.after?.id === buttonId);
    expect(mine.map((e) => `${e.actor} ${e.action} ${e.before === null ? 'new' : 'changed'}`).sort()).toEqual(
      ['1001 agent.button.create new', '1001 agent.form.create new'],
    );
  } finally {
    await admin.request.delete(`/api/admin/agent/buttons/${buttonId}`);
    await admin.request.delete(`/api/admin/agent/forms/${formId}`);
  }
  // Deleted: the open Agent tab drops the button, again without a reload.
  await expect(actions.getByRole('button', { name: buttonLabel })).toHaveCount(0);
});
