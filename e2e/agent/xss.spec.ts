/**
 * Nothing the server sends can run code in the page. The API is intercepted with an XSS corpus in
 * every place server text reaches the UI (button labels, tooltips, icons, form labels, options,
 * default values, formData, custom pages and NO-CONTAINER templates, redirects, eval). The page
 * runs with CSP bypassed, so our rendering — not the server's CSP header — is what is tested.
 */
import type { Page, Route } from '@playwright/test';
import { test, expect } from '../support/phone';

/** Every payload calls this; the test fails if anything did. */
const HIT = (tag: string) => `window.__xss&&window.__xss('${tag}')`;

const CORPUS = (tag: string): string[] => [
  `<script>${HIT(`${tag}-script`)}</script>`,
  `<img src=x onerror="${HIT(`${tag}-img`)}">`,
  `"><svg onload="${HIT(`${tag}-svg`)}">`,
  `<svg><script>${HIT(`${tag}-svgscript`)}</script></svg>`,
  `<svg><animate onbegin="${HIT(`${tag}-animate`)}" attributeName="x" dur="1s"/></svg>`,
  `<a href="javascript:${HIT(`${tag}-href`)}">js link ${tag}</a>`,
  `<iframe srcdoc="<script>parent.__xss('${tag}-srcdoc')</script>"></iframe>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${HIT(`${tag}-mxss`)}">`,
  `<details open ontoggle="${HIT(`${tag}-toggle`)}">`,
  `<object data="javascript:${HIT(`${tag}-object`)}"></object>`,
  `<form action="javascript:${HIT(`${tag}-form`)}"><button>go ${tag}</button></form>`,
  `<a href="data:text/html,<script>alert(1)</script>">data link ${tag}</a>`,
  `<input autofocus onfocus="${HIT(`${tag}-focus`)}">`,
];
const one = (tag: string) => CORPUS(tag).join(' ');
/** A visible javascript: link first (later payloads may swallow the rest of the markup). */
const pageHtml = (tag: string) =>
  `<p><a href="javascript:${HIT(`${tag}-first-href`)}">js link ${tag}</a></p>${one(tag)}`;

const buttons = [
  {
    id: 'b-form',
    label: one('label'),
    tooltip: one('tooltip'),
    icon: `"><img src=x onerror="${HIT('icon')}">`,
    type: `primary" onmouseover="${HIT('type')}`,
    sandbox_id: null,
    fn: null,
    form_id: 'xss-form',
    sort_order: 1,
  },
  {
    id: 'b-data',
    label: 'Script data',
    tooltip: null,
    icon: null,
    type: 'info',
    sandbox_id: 's',
    fn: null,
    form_id: 'xss-form',
    sort_order: 2,
  },
  {
    id: 'b-page',
    label: 'Page',
    tooltip: null,
    icon: 'doc',
    type: null,
    sandbox_id: null,
    fn: "openForm('xss-page')",
    form_id: null,
    sort_order: 3,
  },
  {
    id: 'b-frame',
    label: 'Frame',
    tooltip: null,
    icon: 'doc',
    type: null,
    sandbox_id: null,
    fn: "openForm('xss-frame')",
    form_id: null,
    sort_order: 4,
  },
  {
    id: 'b-js',
    label: 'JS redirect',
    tooltip: null,
    icon: null,
    type: 'danger',
    sandbox_id: 's',
    fn: null,
    form_id: null,
    sort_order: 5,
  },
  {
    id: 'b-data-url',
    label: 'Data redirect',
    tooltip: null,
    icon: null,
    type: 'danger',
    sandbox_id: null,
    fn: `redirect("data:text/html,<script>alert(1)</script>", true, _blank)`,
    form_id: null,
    sort_order: 6,
  },
  {
    id: 'b-eval',
    label: 'Eval',
    tooltip: null,
    icon: null,
    type: 'warning',
    sandbox_id: 's',
    fn: null,
    form_id: null,
    sort_order: 7,
  },
  {
    id: 'b-fn',
    label: 'Bad fn',
    tooltip: null,
    icon: null,
    type: null,
    sandbox_id: null,
    fn: `<img src=x onerror="${HIT('fn')}">`,
    form_id: null,
    sort_order: 8,
  },
];

const form = {
  id: 'xss-form',
  name: one('formname'),
  description: one('description'),
  submit_label: one('submit'),
  fields: [
    {
      type: 'text',
      name: 'a',
      label: one('field-label'),
      defaultValue: one('default'),
      placeholder: one('placeholder'),
    },
    {
      type: 'select',
      name: 'b',
      label: 'Pick',
      options: [{ label: one('option'), value: '"><script>1</script>' }],
    },
    { type: 'textarea', name: 'c', label: 'Notes', defaultValue: `</textarea>${one('textarea')}` },
    { type: 'checkbox', name: 'd', label: one('checkbox') },
  ],
};

const answers: Record<string, unknown> = {
  'b-data': {
    __: {
      formData: { a: one('formdata'), c: one('formdata2'), extra: one('extra') },
      formSchema: [
        { name: 'e', type: 'text', label: one('appended'), defaultValue: one('appended-default') },
      ],
    },
  },
  'b-js': {
    __: { action: { name: 'redirect', params: [`javascript:${HIT('redirect')}`, 'true', '_blank'] } },
  },
  'b-eval': {
    __: { eval: HIT('eval'), formId: 'x', action: { name: `<img src=x onerror="${HIT('action-name')}">` } },
  },
};

async function serveCorpus(page: Page): Promise<void> {
  const json = (route: Route, body: unknown) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/api/softphone/buttons**', (r) => json(r, buttons));
  await page.route('**/api/softphone/button/*', (r) =>
    json(r, answers[r.request().url().split('/').pop() ?? ''] ?? { __: {} }),
  );
  await page.route('**/api/softphone/form/*', (r) => {
    const id = decodeURIComponent(r.request().url().split('/').pop() ?? '');
    if (r.request().method() === 'POST') return json(r, { __: { formData: { a: one('submit-answer') } } });
    if (id === 'xss-form') return json(r, form);
    if (id === 'xss-page') return json(r, { id, name: one('pagename'), fields: [], html: pageHtml('page') });
    return json(r, { id, name: 'Frame', fields: [], html: `<!-- NO-CONTAINER -->${pageHtml('frame')}` });
  });
  await page.route('**/api/agent/campaign**', (r) =>
    json(r, {
      campaign: { id: 'c', name: one('campaign') },
      lead: {
        id: 1,
        name: one('lead'),
        company: one('company'),
        phone: '1002',
        alt_phone: one('alt'),
        phone_code: '',
        notes: one('notes'),
        status: 'assigned',
        outcome: null,
      },
      remaining: 1,
      done: 0,
    }),
  );
}

test('an XSS corpus from the server never executes in the Agent tab', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, bypassCSP: true });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const hits: string[] = [];
    Object.assign(window, { __xssHits: hits, __xss: (tag: string) => hits.push(tag) });
  });
  await serveCorpus(page);
  const hits = () => page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);

  await page.goto('/agent');
  const workspace = page.getByRole('region', { name: 'Campaign' });
  // Server text shows as text.
  await expect(workspace.getByRole('article')).toContainText('<script>');
  const first = workspace.locator('[data-button-id="b-form"]');
  await expect(first).toContainText('<img src=x onerror=');
  await expect(first).toHaveAttribute('title', /<svg onload=/);
  await first.hover();

  await first.click();
  const formPanel = workspace.locator('[data-form-id="xss-form"]');
  await expect(formPanel.getByRole('heading').first()).toContainText('<script>');
  await expect(formPanel.getByRole('textbox').first()).toHaveValue(/<img src=x onerror=/);
  await formPanel.getByRole('checkbox').check();
  await formPanel.locator('button[type="submit"]').click();
  await expect(formPanel.getByRole('textbox').first()).toHaveValue(/submit-answer/);

  await workspace.getByRole('button', { name: 'Script data', exact: true }).click();
  await expect(formPanel.getByRole('textbox').first()).toHaveValue(/formdata-script/);
  await expect(formPanel.getByText(/appended-script/).first()).toBeVisible();

  await workspace.getByRole('button', { name: 'Page', exact: true }).click();
  const htmlPage = workspace.getByTestId('agent-page');
  await expect(htmlPage).toContainText('js link page');
  const html = await htmlPage.innerHTML();
  expect(html).not.toMatch(
    /<script|onerror|onload|onbegin|ontoggle|onfocus|javascript:|data:text|srcdoc|<iframe|<object|<form/i,
  );
  await htmlPage.getByText('js link page').click();

  await workspace.getByRole('button', { name: 'Frame', exact: true }).click();
  const frame = workspace.getByTestId('agent-page-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  expect(await frame.getAttribute('srcdoc')).not.toMatch(/<script|onerror|javascript:/i);
  await expect(
    page.frameLocator('[data-testid="agent-page-frame"]').getByText('js link frame'),
  ).toBeVisible();

  for (const name of ['JS redirect', 'Data redirect', 'Eval', 'Bad fn']) {
    await workspace.getByRole('button', { name, exact: true }).click();
    await expect(workspace.getByRole('button', { name, exact: true })).toBeEnabled();
  }
  const trace = workspace.getByTestId('agent-trace');
  await expect(trace).toContainText('Only http(s) links are opened, not "javascript:"');
  await expect(trace).toContainText('Only http(s) links are opened, not "data:"');
  await expect(trace).toContainText('eval is not implemented');
  await expect(trace).toContainText('formId is not implemented');
  await expect(trace).toContainText('Unknown action');

  await page.waitForTimeout(500);
  expect(await hits()).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(context.pages()).toHaveLength(1);
  // Control: the same payload inserted without our defences does run here (CSP is bypassed).
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), CORPUS('control')[1]!);
  await expect.poll(hits).toEqual(['control-img']);
  await context.close();
});
