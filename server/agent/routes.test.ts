import { z } from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { AgentActionsResponse, AgentButton, AgentForm, CampaignView } from '../../src/api/schemas';
import { routeTestServer } from '../testing/route-test-server';
import { ESCALATION_URL } from './scripts/campaign';

const api = routeTestServer(['1001', '1002'], {}, 'openline-agent-');

async function call(method: string, path: string, body?: unknown, user = '1001') {
  const res = await api.call(method, path, user, body);
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('softphone buttons and forms (ConnexCS schema)', () => {
  it('requires an API session on every endpoint', async () => {
    for (const [method, path] of [
      ['GET', '/api/softphone/buttons?placement=agent'],
      ['GET', '/api/softphone/button/crm-lookup'],
      ['POST', '/api/softphone/button/crm-lookup'],
      ['GET', '/api/softphone/form/disposition'],
      ['POST', '/api/softphone/form/disposition'],
      ['GET', '/api/agent/campaign'],
      ['POST', '/api/agent/campaign/next'],
    ] as const) {
      const res = await fetch(`${api.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthenticated' });
    }
  });

  it('lists the agent buttons by sort_order, each in the documented shape', async () => {
    const { status, json } = await call('GET', '/api/softphone/buttons?placement=agent');
    expect(status).toBe(200);
    const buttons = z.array(AgentButton).parse(json);
    expect(buttons.length).toBeGreaterThanOrEqual(8);
    const orders = buttons.map((b) => b.sort_order ?? 0);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    for (const b of json as Record<string, unknown>[]) {
      expect(Object.keys(b).sort()).toEqual(
        [
          'fn',
          'form_id',
          'icon',
          'id',
          'label',
          'max_select',
          'min_select',
          'placement',
          'sandbox_id',
          'sort_order',
          'tooltip',
          'type',
        ].sort(),
      );
    }
    expect((await call('GET', '/api/softphone/buttons?placement=other')).json).toEqual([]);
    expect((await call('GET', '/api/softphone/buttons?placement=%3Cx%3E')).status).toBe(400);
  });

  it('answers one button, 404 JSON for an unknown one', async () => {
    const one = await call('GET', '/api/softphone/button/escalate');
    expect(AgentButton.parse(one.json)).toMatchObject({ id: 'escalate', sandbox_id: 'escalate' });
    const missing = await call('GET', '/api/softphone/button/nope');
    expect(missing).toEqual({ status: 404, json: { error: 'not_found', message: 'No such button.' } });
  });

  it('serves forms by id or by name, case-insensitively', async () => {
    const byId = AgentForm.parse((await call('GET', '/api/softphone/form/disposition')).json);
    expect(byId.fields.length).toBeGreaterThan(3);
    const byName = AgentForm.parse(
      (await call('GET', `/api/softphone/form/${encodeURIComponent('CALL SCRIPT')}`)).json,
    );
    expect(byName.id).toBe('call-script');
    expect(byName.html).toContain('<h3>');
    expect((await call('GET', '/api/softphone/form/unknown')).status).toBe(404);
  });

  it('CRM lookup fills formData for the current caller from the phonebook', async () => {
    const res = await call('POST', '/api/softphone/button/crm-lookup', {
      context: { call: { remote: 'sip:1002@openline.local', direction: 'incoming', state: 'active' } },
    });
    expect(res.status).toBe(200);
    const { __ } = AgentActionsResponse.parse(res.json);
    expect(__.formData).toMatchObject({ name: 'Ben Baker', company: 'Baker & Sons', phone: '1002' });
  });

  it('a button without a server script, a bad body and a wrong content type are JSON errors', async () => {
    expect((await call('POST', '/api/softphone/button/toggle-mic', {})).json).toMatchObject({
      error: 'no_script',
    });
    const bad = await call('POST', '/api/softphone/button/crm-lookup', { context: { call: { remote: 5 } } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'invalid_request' });
    const text = await fetch(`${api.url}/api/softphone/button/crm-lookup`, {
      method: 'POST',
      headers: { cookie: api.cookies['1001']!, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
  });

  it('the form-patching script requires, prefills and appends fields via formSchema', async () => {
    await call('GET', '/api/agent/campaign');
    const { __ } = AgentActionsResponse.parse((await call('POST', '/api/softphone/button/qualify', {})).json);
    expect(__.formSchema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'budget', required: true }),
        expect.objectContaining({ name: 'followup_email', type: 'email', required: true }),
      ]),
    );
    expect(__.formData?.contact).toBeTruthy();
  });

  it('escalate answers a redirect to a new tab', async () => {
    const { __ } = AgentActionsResponse.parse(
      (await call('POST', '/api/softphone/button/escalate', {})).json,
    );
    expect(__.action?.name).toBe('redirect');
    expect(String(__.action?.params?.[0])).toMatch(new RegExp(`^${ESCALATION_URL}\\?agent=1001`));
    expect(__.action?.params?.slice(1)).toEqual(['true', '_blank']);
  });
});

describe('preview-dialer campaign', () => {
  it('hands each agent their own lead, saves outcomes and moves on', async () => {
    const first = CampaignView.parse((await call('GET', '/api/agent/campaign')).json);
    expect(first.lead).not.toBeNull();
    expect(first.lead).toMatchObject({ status: 'assigned', outcome: null });
    const again = CampaignView.parse((await call('GET', '/api/agent/campaign')).json);
    expect(again.lead?.id).toBe(first.lead?.id);
    const other = CampaignView.parse((await call('GET', '/api/agent/campaign', undefined, '1002')).json);
    expect(other.lead?.id).not.toBe(first.lead?.id);

    // Call alternate: prefill, then submit answers makeCall(alt_phone).
    const prefill = AgentActionsResponse.parse(
      (await call('POST', '/api/softphone/button/call-alt', {})).json,
    );
    expect(prefill.__.formData).toMatchObject({
      alt_phone: first.lead?.alt_phone,
      lead_name: first.lead?.name,
    });
    const dial = await call('POST', '/api/softphone/form/call-alt', {
      data: { alt_phone: first.lead?.alt_phone },
    });
    expect(AgentActionsResponse.parse(dial.json).__.action).toEqual({
      name: 'makeCall',
      params: ['alt_phone'],
    });
    const badNumber = await call('POST', '/api/softphone/form/call-alt', {
      data: { alt_phone: 'javascript:x' },
    });
    expect(badNumber).toMatchObject({ status: 400, json: { error: 'script_refused' } });

    // Disposition: required fields are checked, then the outcome is saved and `next` answered.
    const missing = await call('POST', '/api/softphone/form/disposition', { data: { notes: 'x' } });
    expect(missing).toEqual({ status: 400, json: { error: 'invalid_form', message: 'Fill in: Outcome.' } });
    const saved = await call('POST', '/api/softphone/form/disposition', {
      data: { outcome: 'Yes', notes: 'Renewed' },
    });
    expect(AgentActionsResponse.parse(saved.json).__.action).toEqual({ name: 'next' });
    const next = CampaignView.parse((await call('POST', '/api/agent/campaign/next')).json);
    expect(next.lead?.id).not.toBe(first.lead?.id);
    expect(next.done).toBeGreaterThanOrEqual(1);

    // save(Yes|No|Unknown) directly.
    const direct = CampaignView.parse(
      (await call('POST', '/api/agent/campaign/save', { outcome: 'Unknown' })).json,
    );
    expect(direct.lead).toMatchObject({ id: next.lead?.id, status: 'done', outcome: 'Unknown' });
    expect((await call('POST', '/api/agent/campaign/save', { outcome: 'Unknown' })).status).toBe(409);
    expect((await call('POST', '/api/agent/campaign/save', { outcome: 'Maybe' })).status).toBe(400);
  });

  it('the demo campaign starts over when every lead is worked', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const view = CampaignView.parse((await call('POST', '/api/agent/campaign/next')).json);
      expect(view.lead).not.toBeNull();
      seen.add(view.lead!.id);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});
