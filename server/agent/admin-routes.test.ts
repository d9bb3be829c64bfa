import { describe, expect, it } from 'vitest';
import { AgentDefinitions } from '../../src/actions/builder-schemas';
import { AuditList } from '../../src/api/webphone-schemas';
import { routeTestServer } from '../testing/route-test-server';

const api = routeTestServer(['1001', '1002', '1003'], {}, 'openline-agent-admin-');
const { call } = api;

const form = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Form ${id}`,
  description: null,
  submit_label: 'Send',
  sandbox_id: null,
  fields: [
    { type: 'text', name: 'reason', label: 'Reason', required: true, width: 8 },
    {
      type: 'select',
      name: 'mood',
      label: 'Mood',
      width: 4,
      options: [
        { label: 'Happy', value: 'happy' },
        { label: 'Cross', value: 'cross' },
      ],
    },
  ],
  ...extra,
});

const button = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: `Button ${id}`,
  icon: 'star',
  tooltip: null,
  type: 'info',
  placement: 'agent',
  sort_order: 15,
  fn: null,
  form_id: null,
  sandbox_id: null,
  ...extra,
});

async function refusal(res: Response): Promise<{ status: number; error: string; message: string }> {
  const body = (await res.json()) as { error: string; message: string };
  return { status: res.status, ...body };
}

describe('button and form builder API', () => {
  it('is for admins only', async () => {
    expect((await call('GET', '/api/admin/agent', null)).status).toBe(401);
    for (const user of ['1002', '1003']) {
      expect((await call('GET', '/api/admin/agent', user)).status).toBe(403);
      expect((await call('POST', '/api/admin/agent/forms', user, form('sneaky'))).status).toBe(403);
    }
  });

  it('lists the seeded definitions (read-only) and the loaded scripts', async () => {
    const res = await call('GET', '/api/admin/agent', '1001');
    expect(res.status).toBe(200);
    const body = AgentDefinitions.parse(await res.json());
    expect(body.buttons.find((b) => b.id === 'crm-lookup')?.origin).toBe('seed');
    expect(body.forms.find((f) => f.id === 'disposition')?.origin).toBe('seed');
    expect(body.scripts).toContain('crm-lookup');
    const edit = await call(
      'PUT',
      '/api/admin/agent/buttons/crm-lookup',
      '1001',
      button('crm-lookup', { fn: 'next' }),
    );
    expect(await refusal(edit)).toMatchObject({ status: 409, error: 'read_only' });
  });

  it('creates a form and a button that opens it; the agent list serves it by sort order; audited', async () => {
    expect((await call('POST', '/api/admin/agent/forms', '1001', form('feedback'))).status).toBe(201);
    const created = await call(
      'POST',
      '/api/admin/agent/buttons',
      '1001',
      button('feedback', { form_id: 'feedback', tooltip: 'Ask how it went' }),
    );
    expect(created.status).toBe(201);

    const list = (await (
      await call('GET', '/api/softphone/buttons?placement=agent', '1002')
    ).json()) as Array<{
      id: string;
      sort_order: number;
      origin?: unknown;
    }>;
    const ids = list.map((b) => b.id);
    // sort_order 15 puts it between the seeded 10 (crm-lookup) and 20 (call-alt).
    expect(ids.indexOf('feedback')).toBe(ids.indexOf('crm-lookup') + 1);
    expect(ids.indexOf('call-alt')).toBe(ids.indexOf('feedback') + 1);
    expect(list.find((b) => b.id === 'feedback')).not.toHaveProperty('origin');

    // The agent can open and submit it; the required field is checked by the server too.
    const missing = await call('POST', '/api/softphone/form/feedback', '1002', { data: { mood: 'happy' } });
    expect(await refusal(missing)).toMatchObject({
      status: 400,
      error: 'invalid_form',
      message: 'Fill in: Reason.',
    });
    const sent = await call('POST', '/api/softphone/form/feedback', '1002', {
      data: { reason: 'ok', mood: 'happy' },
    });
    expect(sent.status).toBe(200);

    const audit = AuditList.parse(await (await call('GET', '/api/admin/audit?limit=10', '1001')).json());
    const actions = audit.entries.map((e) => `${e.actor} ${e.action}`);
    expect(actions).toContain('1001 agent.form.create');
    expect(actions).toContain('1001 agent.button.create');
    const buttonEntry = audit.entries.find((e) => e.action === 'agent.button.create');
    expect(buttonEntry?.before).toBeNull();
    expect(buttonEntry?.after).toMatchObject({ id: 'feedback', form_id: 'feedback', origin: 'admin' });
  });

  it('refuses invalid definitions with the field and the reason', async () => {
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['buttons', button('b1', { fn: 'dance()' }), 400, /^fn: Unknown action "dance"/],
      ['buttons', button('b2', { fn: "openForm('x'" }), 400, /^fn: Missing '\)'/],
      ['buttons', button('b3', { fn: 'save(Maybe)' }), 400, /^fn: /],
      ['buttons', button('b4', { form_id: 'nope' }), 400, /^form_id: no form "nope"\.$/],
      [
        'buttons',
        button('b5', { fn: "openForm('No such form')" }),
        400,
        /^fn: no form "No such form" to open\.$/,
      ],
      [
        'buttons',
        button('b6', { sandbox_id: 'not-loaded' }),
        400,
        /^sandbox_id: no server script "not-loaded"/,
      ],
      ['buttons', button('b7'), 400, /^fn: A button needs something to do/],
      ['buttons', button('Bad Id', { fn: 'next' }), 400, /^id: /],
      ['buttons', button('b8', { fn: 'next', label: 'x'.repeat(41) }), 400, /^label: At most 40/],
      ['buttons', { ...button('b9', { fn: 'next' }), eval: 'alert(1)' }, 400, /eval/],
      ['buttons', button('feedback', { fn: 'next' }), 409, /already exists/],
      ['forms', form('f1', { fields: [] }), 400, /^fields: A form needs a field/],
      [
        'forms',
        form('f2', {
          fields: [
            { type: 'text', name: 'a', label: 'A', width: 12 },
            { type: 'text', name: 'a', label: 'B', width: 12 },
          ],
        }),
        400,
        /^fields\.1\.name: Another field is already named "a"/,
      ],
      [
        'forms',
        form('f3', { fields: [{ type: 'text', name: 'a', label: 'A', width: 13 }] }),
        400,
        /^fields\.0\.width: 1 to 12/,
      ],
      [
        'forms',
        form('f4', { fields: [{ type: 'select', name: 'a', label: 'A', width: 6 }] }),
        400,
        /^fields\.0\.options: /,
      ],
      [
        'forms',
        form('f5', { fields: [{ type: 'text', name: 'a', label: 'A', width: 6, regex: '([' }] }),
        400,
        /regular expression/,
      ],
      [
        'forms',
        form('f6', { fields: [{ type: 'script', name: 'a', label: 'A', width: 6 }] }),
        400,
        /^fields\.0\.type/,
      ],
      [
        'forms',
        form('f7', {
          fields: Array.from({ length: 41 }, (_, i) => ({
            type: 'text',
            name: `f${i}`,
            label: 'F',
            width: 6,
          })),
        }),
        400,
        /^fields: At most 40 fields/,
      ],
      ['forms', form('f8', { sandbox_id: 'not-loaded' }), 400, /^sandbox_id: no server script/],
      ['forms', form('feedback'), 409, /already exists/],
    ];
    for (const [kind, body, status, message] of cases) {
      const res = await call('POST', `/api/admin/agent/${kind}`, '1001', body);
      const got = await refusal(res);
      expect({ body, status: got.status }).toEqual({ body, status });
      expect(got.message).toMatch(message);
    }
    const defs = AgentDefinitions.parse(await (await call('GET', '/api/admin/agent', '1001')).json());
    expect(defs.buttons.filter((b) => /^b\d$/.test(b.id))).toEqual([]);
    expect(defs.forms.filter((f) => /^f\d$/.test(f.id))).toEqual([]);
  });

  it('edits and deletes built definitions; a form a button opens cannot be deleted', async () => {
    await call('POST', '/api/admin/agent/forms', '1001', form('temp'));
    await call('POST', '/api/admin/agent/buttons', '1001', button('temp', { fn: "openForm('Form temp')" }));
    const mismatch = await call(
      'PUT',
      '/api/admin/agent/buttons/temp',
      '1001',
      button('other', { fn: 'next' }),
    );
    expect(await refusal(mismatch)).toMatchObject({ status: 400, error: 'invalid_request' });
    const edited = await call(
      'PUT',
      '/api/admin/agent/buttons/temp',
      '1001',
      button('temp', { fn: 'next', label: 'Skip' }),
    );
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ label: 'Skip', fn: 'next' });

    await call('PUT', '/api/admin/agent/buttons/temp', '1001', button('temp', { form_id: 'temp' }));
    const inUse = await call('DELETE', '/api/admin/agent/forms/temp', '1001');
    expect(await refusal(inUse)).toMatchObject({ status: 409, error: 'form_in_use' });
    expect((await call('DELETE', '/api/admin/agent/buttons/temp', '1001')).status).toBe(200);
    expect((await call('DELETE', '/api/admin/agent/forms/temp', '1001')).status).toBe(200);
    expect((await call('GET', '/api/softphone/button/temp', '1002')).status).toBe(404);
    expect((await call('DELETE', '/api/admin/agent/forms/temp', '1001')).status).toBe(404);

    const audit = AuditList.parse(await (await call('GET', '/api/admin/audit?limit=10', '1001')).json());
    const update = audit.entries.find((e) => e.action === 'agent.button.update');
    expect(update?.before).toMatchObject({ label: 'Skip', fn: 'next', form_id: null });
    expect(update?.after).toMatchObject({ label: 'Button temp', form_id: 'temp' });
    expect(audit.entries.some((e) => e.action === 'agent.form.delete' && e.after === null)).toBe(true);
  });

  it('tells open apps on the event stream that the agent definitions changed', async () => {
    const controller = new AbortController();
    const res = await fetch(`${api.url}/api/webphone/events`, {
      headers: { cookie: api.cookies['1002'] ?? '' },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const read = async (until: RegExp) => {
      while (!until.test(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
    };
    await read(/event: config/);
    await call('POST', '/api/admin/agent/buttons', '1001', button('pushed', { fn: 'next' }));
    await read(/event: agent\ndata: \{"revision":\d+\}/);
    expect(seen).toMatch(/event: agent\ndata: \{"revision":\d+\}/);
    controller.abort();
  });
});
