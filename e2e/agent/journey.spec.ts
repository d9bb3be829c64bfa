/**
 * The agent journey on the seeded demo: 1001 works a lead from the Agent tab. A server script
 * prefills a form, its submit answers makeCall(alt_phone) and a real call reaches 1002 with media;
 * toggleMic from a server button silences it; the disposition form saves Yes and `next` brings the
 * next lead; escalate opens the helpdesk in a new tab. Everything shows in the action trace.
 */
import { test, expect, expectInboundRtp, type Phone } from '../support/phone';

const HELPDESK = 'https://helpdesk.example.com/escalations/new';

async function energy(phone: Phone): Promise<number> {
  const d = await phone.mediaDelta(1000);
  return d.after.audio.totalAudioEnergy - d.before.audio.totalAudioEnergy;
}

test('agent works a lead: prefilled form → makeCall(alt_phone) → media, toggleMic, disposition → next, escalate', async ({
  alice,
  bob,
}) => {
  const page = alice.page;
  await alice.signIn();
  await bob.signIn();
  await alice.openTab('Agent');

  const lead = page.getByRole('article');
  await expect(lead.getByRole('heading')).not.toBeEmpty();
  const alt = (await page.getByTestId('lead-alt-phone').textContent()) ?? '';
  const leadName = (await lead.getByRole('heading').textContent())!.split(' · ')[0]!;

  // A button whose script returns formData: the form opens prefilled.
  await alice.button('Call alternate').click();
  const form = page.getByRole('region', { name: 'Call alternate number' });
  const altField = form.getByRole('textbox', { name: 'Alternate number' });
  await expect(altField).toHaveValue(alt);
  // Demo leads' alternate numbers ring 1002 or 1003: the agent corrects it to 1002 if needed, and
  // the script stores the corrected number before answering makeCall(alt_phone).
  if (alt !== '1002') await altField.fill('1002');
  await expect(form.getByRole('textbox', { name: 'Lead' })).toHaveValue(leadName);
  await expect(form.getByRole('textbox', { name: 'Lead' })).toBeDisabled();

  // Submit → the server answers makeCall(alt_phone) → a real call to 1002.
  await form.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(page.getByTestId('lead-alt-phone')).toHaveText('1002');
  await expect(bob.incoming).toContainText('1001');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await Promise.all([expectInboundRtp(bob, 'audio'), expectInboundRtp(alice, 'audio')]);

  // During the call the workspace docks beside the call screen; toggleMic mutes the call.
  const dock = page.getByRole('complementary', { name: 'Agent workspace' });
  await expect(dock).toBeVisible();
  const loud = await energy(bob);
  expect(loud).toBeGreaterThan(1e-4);
  await dock.getByRole('button', { name: 'Toggle mic' }).click();
  await expect(page.getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => energy(bob)).toBeLessThan(loud / 100);
  const trace = dock.getByTestId('agent-trace');
  await expect(trace).toContainText('toggleMic()');
  await expect(trace).toContainText('Microphone muted');
  await expect(trace).toContainText('makeCall(alt_phone)');
  await page.screenshot({ path: 'test-results/screens/desktop-agent-in-call.png', animations: 'disabled' });

  // Disposition: save Yes → the server answers next → the next lead shows.
  await dock.getByRole('button', { name: 'Disposition' }).click();
  const disposition = dock.getByRole('region', { name: 'Disposition' });
  await disposition.getByRole('button', { name: 'Save and next' }).click();
  await expect(disposition.getByText('Outcome is required.')).toBeVisible();
  await expect(disposition.getByRole('combobox', { name: 'Outcome' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await disposition.getByRole('combobox', { name: 'Outcome' }).selectOption('Yes');
  await disposition.getByRole('textbox', { name: 'Notes' }).fill('Renewed for a year');
  await disposition.getByRole('button', { name: 'Save and next' }).click();
  await expect(disposition).toBeHidden();
  await expect(dock.getByRole('article').getByRole('heading')).not.toContainText(leadName);
  await expect(trace).toContainText('next()');
  await expect(trace).toContainText('form_id "disposition" wins over fn');

  // End the call from a server button; the workspace returns to the tab.
  await dock.getByRole('button', { name: 'End call' }).click();
  await expect(bob.callStatus).toHaveText('Call ended');
  await expect(dock).toBeHidden({ timeout: 10_000 });

  // Escalate: the script answers redirect(url, true, _blank) → a new tab on the helpdesk URL.
  await page
    .context()
    .route(`${HELPDESK}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Helpdesk</title><h1>New escalation</h1>' }),
    );
  const popup = page.context().waitForEvent('page');
  await alice.button('Escalate').click();
  const tab = await popup;
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(new RegExp(`^${HELPDESK.replace(/\./g, '\\.')}\\?agent=1001&lead=\\d+$`));
  await expect(tab.getByRole('heading', { name: 'New escalation' })).toBeVisible();
  await tab.close();
  await expect(page.getByTestId('agent-trace')).toContainText(`redirect(${HELPDESK}`);
});
