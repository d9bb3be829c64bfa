import { test, expect } from '../support/phone';

test('signs in and shows the registration status', async ({ alice }) => {
  await alice.page.goto('/settings');
  await expect(alice.status).toHaveText('Not registered');
  await alice.signIn();
  await expect(alice.status).toHaveText('Registered');
  // The REGISTER went through digest auth: a 401 challenge, then 200.
  const responses = alice.sipFrames
    .filter((f) => f.direction === 'received')
    .map((f) => f.text.split('\r\n')[0]);
  expect(responses).toContain('SIP/2.0 401 Unauthorized');
  expect(responses).toContain('SIP/2.0 200 OK');
});

test('a wrong password says so and does not retry in a loop', async ({ bob }) => {
  await bob.signIn('not-the-password', { expectRegistered: false });
  await expect(bob.status).toHaveText('Wrong username or password');
  await expect(bob.page.getByRole('alert')).toContainText('Wrong username or password');
  const registers = () =>
    bob.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER ')).length;
  const count = registers();
  await bob.page.waitForTimeout(2000);
  expect(registers()).toBe(count);
});

test('after a reload the saved account registers again without typing', async ({ carol }) => {
  await carol.signIn();
  await carol.page.reload();
  await expect(carol.status).toHaveText('Registered');
});
