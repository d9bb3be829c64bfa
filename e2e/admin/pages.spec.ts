/**
 * Issue 13: extra menu pages from templates (ADR 0022). Admin 1001 adds, in Admin → Pages, a template
 * page (sanitised HTML: its <script> and event handlers never run) and a NO-CONTAINER page (a frameless
 * iframe sandboxed without scripts, filling the page). Agent 1002, already signed in, finds both in the
 * menu at their positions without reloading, and opens them. A taken position is refused by the field.
 * The change is audited. The configuration is put back at the end (the server is shared).
 */
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { WebphoneConfigResponse } from '../../src/api/webphone-schemas';
import { openAdminSection } from '../support/admin';
import { shootSizes } from '../support/screenshots';
import { expect, test } from '../support/phone';

const SHOTS = '/tmp/shots-pages';
const run = Date.now().toString(36).slice(-5);

async function expectAxeClean(page: Page) {
  // A NO-CONTAINER page is an iframe sandboxed without scripts: axe cannot run inside it (its frame
  // evaluation waited until the test timed out in CI), and its content is the operator's. The frame element
  // itself (its title) is asserted by the test.
  const axe = await new AxeBuilder({ page }).include('main').exclude('iframe[sandbox]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
}

async function clearPages(request: APIRequestContext) {
  const current = WebphoneConfigResponse.parse(await (await request.get('/api/webphone/config')).json());
  const res = await request.put('/api/webphone/config', { data: { ...current.config, pages: [] } });
  expect(res.status(), await res.text()).toBe(200);
}

async function addPage(
  admin: Page,
  page: { title: string; id: string; icon: string; position: string; html: string },
) {
  await admin.getByLabel('Title').fill(page.title);
  await admin.getByLabel('Address').fill(page.id);
  await admin.getByLabel('Icon').selectOption(page.icon);
  await admin.getByLabel('Position').fill(page.position);
  await admin.getByLabel('HTML').fill(page.html);
  await admin.getByRole('button', { name: 'Add page' }).click();
}

test('a template page and a NO-CONTAINER page appear in the menu and render safely', async ({
  alice,
  bob,
}) => {
  // Two signed-in phones and a long admin journey on a shared 2-core machine.
  test.setTimeout(300_000);
  await bob.signIn();
  await alice.signIn();
  const admin = alice.page;
  try {
    await openAdminSection(admin, 'Pages');

    // A position an enabled tab holds is refused by the field.
    await addPage(admin, {
      title: 'Clash',
      id: `clash-${run}`,
      icon: 'info',
      position: '1',
      html: '<p>x</p>',
    });
    await expect(admin.getByLabel('Position')).toHaveAttribute('aria-invalid', 'true');
    await expect(admin.locator('#page-position-error')).toHaveText(/^Position 1 is already taken by /);
    await expect(admin.getByLabel('Position')).toBeFocused();

    const help = `Help ${run}`;
    await addPage(admin, {
      title: help,
      id: `help-${run}`,
      icon: 'info',
      position: '9',
      html:
        '<h2>Opening hours</h2><p>Monday to Friday, 9 to 5.</p>' +
        '<script>window.pwned = "script"</script>' +
        '<img src="/icons/icon.svg" alt="Logo" width="64" height="64" onerror="window.pwned = \'onerror\'" onload="window.pwned = \'onload\'">' +
        '<a href="javascript:window.pwned = \'link\'">Bad link</a> <a href="/settings">Settings</a>',
    });
    await expect(admin.getByTestId('pages-status')).toHaveText(
      `Page ${help} saved. It is in the menu of open apps now.`,
    );
    const board = `Board ${run}`;
    await addPage(admin, {
      title: board,
      id: `board-${run}`,
      icon: 'star',
      position: '10',
      html: '<!-- NO-CONTAINER --><h1>Wallboard</h1><p>Queue: 3</p><script>document.body.dataset.ran = "yes"</script>',
    });
    await expect(admin.getByTestId(`menu-page-board-${run}`)).toContainText('Position 10 · star · frameless');
    await expectAxeClean(admin);
    await shootSizes(admin, SHOTS, 'admin-pages', true);

    // The agent's open app has both pages in its menu, after the tabs, without a reload.
    const menu = bob.page.getByRole('navigation', { name: 'Main' });
    await expect(menu.getByRole('link', { name: help })).toBeVisible();
    const labels = await menu.getByRole('link').allTextContents();
    expect(labels.indexOf(board)).toBe(labels.indexOf(help) + 1);

    await menu.getByRole('link', { name: help }).click();
    await expect(bob.page).toHaveURL(new RegExp(`/page/help-${run}$`));
    await expect(bob.page.getByRole('heading', { level: 1, name: help })).toBeVisible();
    const content = bob.page.getByTestId('agent-page');
    await expect(content.getByRole('heading', { name: 'Opening hours' })).toBeVisible();
    await expect(content.getByRole('img', { name: 'Logo' })).toBeVisible();
    // Sanitised: no script element, no handlers, no javascript: link; nothing ran.
    await expect(content.locator('script')).toHaveCount(0);
    expect(await content.locator('img').getAttribute('onload')).toBeNull();
    expect(await content.getByText('Bad link').getAttribute('href')).toBeNull();
    await content.getByText('Bad link').click();
    expect(await bob.page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    await expectAxeClean(bob.page);
    await shootSizes(bob.page, SHOTS, 'template-page');

    await menu.getByRole('link', { name: board }).click();
    await expect(bob.page).toHaveURL(new RegExp(`/page/board-${run}$`));
    const frame = bob.page.getByTitle(board);
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(
      bob.page.frameLocator(`iframe[title="${board}"]`).getByRole('heading', { name: 'Wallboard' }),
    ).toBeVisible();
    // Frameless: the title is for screen readers only and the frame fills most of the screen.
    await expect(bob.page.getByRole('heading', { level: 1, name: board })).toHaveClass(/visually-hidden/);
    const box = await frame.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(800 * 0.6);
    // The sandbox runs no script: the frame's body was never marked.
    expect(
      await bob.page.frameLocator(`iframe[title="${board}"]`).locator('body').getAttribute('data-ran'),
    ).toBeNull();
    await expectAxeClean(bob.page);
    await shootSizes(bob.page, SHOTS, 'frameless-page');

    // Audited: the configuration change with the pages before and after.
    const audit = (await (await admin.request.get('/api/admin/audit?limit=5')).json()) as {
      entries: Array<{ actor: string; action: string; after: { pages?: Array<{ id: string }> } }>;
    };
    const last = audit.entries.find((e) => e.action === 'webphone.config.update');
    expect(last?.actor).toBe('1001');
    expect(last?.after.pages?.map((p) => p.id)).toEqual([`help-${run}`, `board-${run}`]);
  } finally {
    await clearPages(admin.request);
  }
  // Removed: the page leaves the open app's menu.
  await expect(
    bob.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: `Help ${run}` }),
  ).toHaveCount(0);
});
