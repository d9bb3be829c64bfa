import { describe, expect, it } from 'vitest';
import { normalizeForm } from './form-model';
import { ActionRunner } from './runner';
import { fakePorts } from './testing/fake-ports';

function setup() {
  const ports = fakePorts();
  ports.forms.definitions.disposition = {
    id: 'disposition',
    name: 'Disposition',
    fields: [{ type: 'text', name: 'outcome' }],
  };
  ports.forms.definitions['Call script'] = {
    id: 'script',
    name: 'Call script',
    fields: [],
    html: '<p>x</p>',
  };
  const runner = new ActionRunner(ports, { now: () => 0 });
  return { ports, runner };
}
const names = (runner: ActionRunner) => runner.trace.list().map((e) => `${e.kind}:${e.name}:${e.status}`);

describe('precedence', () => {
  it('form_id wins over openForm in fn', async () => {
    const { ports, runner } = setup();
    await runner.pressButton({ id: 'b', form_id: 'disposition', fn: "openForm('Call script')" });
    expect(ports.calls).toEqual(['load disposition']);
    expect(ports.shown[0]!.id).toBe('disposition');
    expect(runner.trace.list().some((e) => e.message.includes('form_id "disposition" wins'))).toBe(true);
  });

  it('fn runs when there is no form_id', async () => {
    const { ports, runner } = setup();
    await runner.pressButton({ id: 'b', fn: 'OPENFORM("call script")' });
    expect(ports.calls).toEqual(['load call script']);
  });

  it("sandbox_id: the script's formData/formSchema patch the form the button opens", async () => {
    const { ports, runner } = setup();
    ports.server.answers['button b'] = {
      __: { formData: { outcome: 'Yes' }, formSchema: [{ name: 'extra', type: 'email', required: true }] },
    };
    const result = await runner.pressButton({ id: 'b', sandbox_id: 's', form_id: 'disposition' });
    expect(result.status).toBe('ok');
    expect(ports.calls).toEqual(['POST button b', 'load disposition']);
    expect(ports.shown[0]!.values.outcome).toBe('Yes');
    expect(ports.shown[0]!.fields.map((f) => f.name)).toEqual(['outcome', 'extra']);
  });

  it("sandbox_id: the script's action starts instead of the button's own instructions", async () => {
    const { ports, runner } = setup();
    ports.server.answers['button b'] = { __: { action: { name: 'makeCall', params: ['alt_phone'] } } };
    await runner.pressButton({ id: 'b', sandbox_id: 's', form_id: 'disposition', fn: 'next' });
    expect(ports.calls).toEqual(['POST button b', 'dial 1002']);
    expect(names(runner)).toContain('action:makeCall:ok');
  });

  it('a script action given as an fn string is parsed the same way', async () => {
    const { ports, runner } = setup();
    ports.server.answers['button b'] = {
      __: { action: "openForm('disposition')", formData: { outcome: 'No' } },
    };
    await runner.pressButton({ id: 'b', sandbox_id: 's' });
    expect(ports.shown[0]!.values.outcome).toBe('No');
  });
});

describe('form submits chain to the next action', () => {
  const form = () => {
    const r = normalizeForm({
      id: 'disposition',
      name: 'Disposition',
      fields: [{ type: 'text', name: 'outcome' }],
    });
    if (!r.ok) throw new Error();
    return r.form;
  };

  it('action → form closes and the action runs', async () => {
    const { ports, runner } = setup();
    ports.server.answers['form disposition'] = { __: { action: { name: 'next' } } };
    expect((await runner.submitForm(form(), { outcome: 'Yes' })).status).toBe('ok');
    expect(ports.calls).toEqual(['POST form disposition {"outcome":"Yes"}', 'close form', 'next']);
  });

  it('patch only → the open form is patched live and stays open', async () => {
    const { ports, runner } = setup();
    ports.server.answers['form disposition'] = { __: { formSchema: [{ name: 'why', required: true }] } };
    await runner.submitForm(form(), {});
    expect(ports.patches).toHaveLength(1);
    expect(ports.calls).not.toContain('close form');
  });

  it('empty answer → the form closes; a server error keeps it open', async () => {
    const { ports, runner } = setup();
    ports.server.answers['form disposition'] = { __: {} };
    await runner.submitForm(form(), {});
    expect(ports.calls).toContain('close form');
    const failing = setup();
    failing.ports.server.answers['form disposition'] = () => {
      throw new Error('Fill in: Outcome.');
    };
    expect(await failing.runner.submitForm(form(), {})).toEqual({
      status: 'error',
      message: 'Fill in: Outcome.',
    });
    expect(failing.ports.calls).not.toContain('close form');
  });

  it('openForm from a submit gets the answer’s patch', async () => {
    const { ports, runner } = setup();
    ports.server.answers['form disposition'] = {
      __: { action: { name: 'openForm', params: ['disposition'] }, formData: { outcome: 'x' } },
    };
    await runner.submitForm(form(), {});
    expect(ports.shown[0]!.values.outcome).toBe('x');
    expect(ports.calls).not.toContain('close form');
  });
});

describe('the runner', () => {
  it('runs one action at a time and records the refusal', async () => {
    const { ports, runner } = setup();
    let release!: () => void;
    ports.server.answers['button slow'] = () => new Promise((r) => (release = () => r({ __: {} })));
    const first = runner.pressButton({ id: 'slow', sandbox_id: 's' });
    await Promise.resolve();
    expect(runner.busy).toBe('button slow');
    expect(await runner.pressButton({ id: 'other', fn: 'next' })).toEqual({
      status: 'busy',
      message: 'Busy with button slow: one action at a time.',
    });
    release();
    await first;
    expect(runner.busy).toBeNull();
    expect(ports.calls).not.toContain('next');
  });

  it('reports eval and formId as unsupported, never runs them', async () => {
    const { ports, runner } = setup();
    ports.server.answers['button b'] = { __: { eval: 'alert(1)', formId: 'x' } };
    await runner.pressButton({ id: 'b', sandbox_id: 's' });
    const unsupported = runner.trace.list().filter((e) => e.status === 'unsupported');
    expect(unsupported.map((e) => e.message)).toEqual([
      'eval is not implemented: server-sent code is never executed.',
      'formId is not implemented: use form_id on the button or openForm.',
    ]);
  });

  it('reports unknown actions and bad params from the server', async () => {
    const { runner, ports } = setup();
    ports.server.answers['button b'] = { __: { action: { name: 'selfDestruct' } } };
    expect((await runner.pressButton({ id: 'b', sandbox_id: 's' })).message).toMatch(
      /Unknown action "selfDestruct"/,
    );
    ports.server.answers['button b'] = { __: { action: { name: 'save', params: ['Perhaps'] } } };
    expect((await runner.pressButton({ id: 'b', sandbox_id: 's' })).message).toMatch(
      /not Yes, No or Unknown/,
    );
  });

  it('a port that throws becomes an error result', async () => {
    const { ports, runner } = setup();
    ports.phone.toggleMic = () => Promise.reject(new Error('boom'));
    expect(await runner.runFn('toggleMic')).toEqual({ status: 'error', message: 'boom' });
    expect(runner.busy).toBeNull();
  });

  it('every step lands in the trace with params and results', async () => {
    const { runner, ports } = setup();
    ports.server.answers['button esc'] = {
      __: { action: { name: 'redirect', params: ['https://h.example/t', true, '_blank'] } },
    };
    await runner.pressButton({ id: 'esc', label: 'Escalate', sandbox_id: 'escalate' });
    expect(names(runner)).toEqual([
      'button:button esc:info',
      'server:POST button esc:ok',
      'action:redirect:ok',
    ]);
    expect(runner.trace.list().at(-1)!.params).toEqual(['https://h.example/t', 'true', '_blank']);
  });
});

describe('fuzzed server answers never throw into the UI', () => {
  // A small deterministic PRNG so failures reproduce.
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  }
  const atoms = [
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1e308,
    NaN,
    '',
    'next',
    'makeCall',
    'openForm',
    'redirect',
    'javascript:alert(1)',
    'https://x.example',
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'constructor',
    'alt_phone',
    'Yes',
    'disposition',
    [],
    {},
  ];
  function value(r: () => number, depth: number): unknown {
    const roll = r();
    if (depth > 3 || roll < 0.45) return atoms[Math.floor(r() * atoms.length)];
    if (roll < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    const keys = [
      '__',
      'action',
      'name',
      'params',
      'formSchema',
      'formData',
      'eval',
      'formId',
      'type',
      'required',
      'defaultValue',
      'options',
      '__proto__',
    ];
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(r() * 5); i > 0; i--)
      o[keys[Math.floor(r() * keys.length)]!] = value(r, depth + 1);
    return o;
  }

  it('500 random answers to buttons and submits resolve to a result', async () => {
    const r = rng(42);
    for (let i = 0; i < 500; i++) {
      const { ports, runner } = setup();
      const answer = r() < 0.5 ? value(r, 0) : { __: value(r, 1) };
      ports.server.answers['button b'] = answer;
      ports.server.answers['form disposition'] = answer;
      ports.forms.definitions.disposition = value(r, 0);
      const button =
        r() < 0.8 ? { id: 'b', sandbox_id: 's', form_id: r() < 0.5 ? 'disposition' : null } : value(r, 0);
      const pressed = await runner.pressButton(button);
      expect(['ok', 'error', 'unsupported', 'busy']).toContain(pressed.status);
      const f = normalizeForm({ id: 'disposition', fields: [] });
      if (f.ok) {
        const submitted = await runner.submitForm(f.form, {});
        expect(typeof submitted.message).toBe('string');
      }
      expect(runner.busy).toBeNull();
    }
  });
});
