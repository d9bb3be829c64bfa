/**
 * Issue 13: Admin → Accounts edits an account's role and company in place; the last administrator
 * cannot be demoted and the server's sentence is shown by the form. Audited. The account is new per run.
 */
import { axeOn } from '../support/axe';
import { shootSizes } from '../support/screenshots';
import { expect, test } from '../support/phone';

const run = Date.now().toString(36).slice(-5);

test('admin edits role and company; demoting the last admin is refused with its reason', async ({
  alice,
}) => {
  test.setTimeout(120_000);
  const username = `erin-${run}`;
  await alice.signIn();
  const admin = alice.page;
  const created = await admin.request.post('/api/admin/accounts', {
    data: { username, displayName: `Erin ${run}`, role: 'user', company: null },
  });
  expect(created.status(), await created.text()).toBe(201);

  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await admin
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: 'Accounts' })
    .click();
  await admin.getByLabel('Search accounts').fill(username);
  const card = admin.getByTestId(`account-${username}`);
  await expect(card).toContainText('User · no company');

  await card.getByRole('button', { name: `Edit ${username}` }).click();
  const form = card.getByRole('form', { name: `Edit ${username}` });
  await expect(form.getByLabel('Display name')).toBeFocused();
  await form.getByLabel('Role').selectOption({ label: 'Agent' });
  await form.getByLabel('Company').fill('Globex');
  const axe = await axeOn(admin).include('main').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await shootSizes(admin, '/tmp/shots-accounts', 'account-edit');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('accounts-status')).toHaveText(`${username} saved: Agent, Globex.`);
  await expect(card).toContainText('Agent · Globex');
  await expect(form).toHaveCount(0);

  // 1001 is the only administrator: demoting it is refused, and nothing changes.
  await admin.getByLabel('Search accounts').fill('1001');
  const self = admin.getByTestId('account-1001');
  await self.getByRole('button', { name: 'Edit 1001' }).click();
  const selfForm = self.getByRole('form', { name: 'Edit 1001' });
  await selfForm.getByLabel('Role').selectOption({ label: 'User' });
  await selfForm.getByRole('button', { name: 'Save' }).click();
  await expect(selfForm.getByRole('alert')).toHaveText(
    'Not saved: 1001 is the last administrator: make another account admin first.',
  );
  await selfForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(self).toContainText('Admin');

  const audit = (await (await admin.request.get('/api/admin/audit?limit=10')).json()) as {
    entries: Array<{
      action: string;
      before: { role?: string } | null;
      after: { username?: string; role?: string; company?: string | null } | null;
    }>;
  };
  const update = audit.entries.find((e) => e.after?.username === username && e.after.role === 'agent');
  expect(update?.before?.role).toBe('user');
  expect(update?.after?.company).toBe('Globex');
});
