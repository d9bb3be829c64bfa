import { describe, expect, it } from 'vitest';
import { EMPTY_PATCH } from './form-model';
import { defaultRegistry } from './registry';
import { fakePorts } from './testing/fake-ports';

const registry = defaultRegistry();
async function run(name: string, args: string[], ports = fakePorts(), patch = EMPTY_PATCH) {
  const bound = registry.bind({ name, args });
  if (!bound.ok) throw new Error(bound.error);
  return { result: await bound.action.perform(ports, { patch }), ports };
}

describe('each action against fake ports', () => {
  it('answerCall / endCall / toggleMic drive the phone port and report its outcome', async () => {
    const ports = fakePorts();
    expect((await run('answerCall', [], ports)).result).toEqual({ status: 'ok', message: 'Answered' });
    expect((await run('endCall', [], ports)).result.status).toBe('ok');
    expect((await run('toggleMic', [], ports)).result.status).toBe('ok');
    expect(ports.calls).toEqual(['answer', 'hangup', 'toggleMic']);
    ports.phoneOutcome = { ok: false, error: 'There is no call to end.' };
    expect((await run('endCall', [], ports)).result).toEqual({
      status: 'error',
      message: 'There is no call to end.',
    });
  });

  it('makeCall dials a lead field or a literal number', async () => {
    const ports = fakePorts();
    await run('makeCall', ['alt_phone'], ports);
    await run('makeCall', ['PHONE'], ports);
    await run('makeCall', ['+1 (415) 555-2671'], ports);
    expect(ports.calls).toEqual(['dial 1002', 'dial 1003', 'dial +14155552671']);
    ports.lead = null;
    expect((await run('makeCall', ['alt_phone'], ports)).result).toEqual({
      status: 'error',
      message: 'There is no lead to take alt_phone from.',
    });
    ports.lead = { phone: '', alt_phone: 'call me maybe', phone_code: '' };
    expect((await run('makeCall', ['alt_phone'], ports)).result.message).toBe(
      'The lead has no usable alt_phone.',
    );
  });

  it('openForm loads, applies the script patch and shows the form', async () => {
    const ports = fakePorts();
    ports.forms.definitions.Feedback = { id: 'fb', name: 'Feedback', fields: [{ type: 'text', name: 'a' }] };
    const { result } = await run('openForm', ['Feedback'], ports, {
      formSchema: [{ name: 'b', type: 'email', required: true }],
      formData: { a: 'x' },
    });
    expect(result.status).toBe('ok');
    expect(result.message).toContain('1 schema change(s) and 1 value(s)');
    expect(ports.shown[0]!.fields.map((f) => f.name)).toEqual(['a', 'b']);
    expect(ports.shown[0]!.values.a).toBe('x');
    expect((await run('openForm', ['Nope'], ports)).result).toEqual({
      status: 'error',
      message: 'Could not load form "Nope": No form "Nope".',
    });
    ports.forms.definitions.Bad = 'not a form';
    expect((await run('openForm', ['Bad'], ports)).result.message).toMatch(/not usable/);
  });

  it('redirect honours _blank/_self and the external flag, and refuses other schemes', async () => {
    const ports = fakePorts();
    await run('redirect', ['https://crm.example/x'], ports);
    await run('redirect', ['https://crm.example/y', 'true', '_self'], ports);
    await run('redirect', ['/history', 'false'], ports);
    await run('redirect', ['/history', 'false', '_blank'], ports);
    expect(ports.opened).toEqual([
      { url: 'https://crm.example/x', target: '_blank' },
      { url: 'https://crm.example/y', target: '_self' },
      { url: 'https://app.example/history', target: '_self' },
      { url: 'https://app.example/history', target: '_blank' },
    ]);
    for (const url of ['javascript:alert(1)', 'data:text/html,x', ' JAVASCRIPT:alert(1)']) {
      const { result } = await run('redirect', [url, 'true', '_blank'], ports);
      expect(result.status).toBe('error');
    }
    expect((await run('redirect', ['https://evil.example', 'false'], ports)).result.status).toBe('error');
    expect(ports.opened).toHaveLength(4);
  });

  it('save and next talk to the campaign port', async () => {
    const ports = fakePorts();
    await run('save', ['unknown'], ports);
    await run('next', [], ports);
    expect(ports.calls).toEqual(['save Unknown', 'next']);
  });
});
