/**
 * The action runner: the one place server-driven instructions become effects. A button press or a
 * form submit becomes at most one action, chosen by the documented precedence:
 *
 *   button with sandbox_id → POST the button; the script's `action` runs, else its
 *                            formSchema/formData patch the form the button opens
 *   form_id                → wins over `openForm` (or anything else) in fn
 *   fn                     → parsed and run
 *
 * One action at a time: a press while another runs is refused (and recorded). Every step is
 * recorded in the {@link Trace}. Nothing here throws into the UI: ports and server answers that
 * fail become error results.
 */
import type { AgentFieldValue } from '../api/schemas';
import { parseFnString } from './fn-parser';
import { EMPTY_PATCH, isEmptyPatch, type FormModel, type FormPatch } from './form-model';
import { defaultRegistry, type ActionRegistry, type BoundAction } from './registry';
import { readServerResponse, type ServerInstructions } from './response';
import { Trace } from './trace';
import { fail, ok, type ActionPorts, type ActionResult } from './types';
import { errorMessage } from '../lib/errors';

/** The parts of a ConnexCS button definition the runner uses (validated leniently). */
export interface ButtonLike {
  id: string;
  label?: string | null;
  sandbox_id?: string | null;
  fn?: string | null;
  form_id?: string | null;
}

export interface RunnerOptions {
  registry?: ActionRegistry;
  trace?: Trace;
  now?: () => number;
}

const describeError = (e: unknown) => errorMessage(e).slice(0, 500);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const optString = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export class ActionRunner {
  readonly trace: Trace;
  private readonly registry: ActionRegistry;
  private readonly now: () => number;
  private running: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly ports: ActionPorts,
    options: RunnerOptions = {},
  ) {
    this.registry = options.registry ?? defaultRegistry();
    this.trace = options.trace ?? new Trace();
    this.now = options.now ?? Date.now;
  }

  /** What is running (`button crm-lookup`, `form disposition`), or null. */
  get busy(): string | null {
    return this.running;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a button definition (raw server JSON is fine: it is checked here). */
  pressButton(raw: unknown): Promise<ActionResult> {
    const button = this.readButton(raw);
    if (!button) {
      return Promise.resolve(this.note('button', 'button', fail('The button definition is not usable.')));
    }
    return this.exclusive(`button ${button.id}`, () => this.runButton(button));
  }

  /** Submits a form: POST → the script's answer → the next action (or a live patch). */
  submitForm(form: FormModel, values: Record<string, AgentFieldValue>): Promise<ActionResult> {
    return this.exclusive(`form ${form.id}`, () => this.runSubmit(form, values));
  }

  /** Runs an `fn` string directly (the lead card's buttons use this too). */
  runFn(fn: string, source = 'fn'): Promise<ActionResult> {
    return this.exclusive(source, () => this.runFnNow(fn, EMPTY_PATCH));
  }

  // ----------------------------------------------------------------------------------------

  private readButton(raw: unknown): ButtonLike | null {
    if (!isRecord(raw)) return null;
    const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '';
    if (!id) return null;
    return {
      id,
      label: optString(raw.label),
      sandbox_id: optString(raw.sandbox_id),
      fn: optString(raw.fn),
      form_id: typeof raw.form_id === 'number' ? String(raw.form_id) : optString(raw.form_id),
    };
  }

  private async exclusive(what: string, task: () => Promise<ActionResult>): Promise<ActionResult> {
    if (this.running) {
      return this.note('note', what, {
        status: 'busy',
        message: `Busy with ${this.running}: one action at a time.`,
      });
    }
    this.running = what;
    this.emit();
    try {
      return await task();
    } catch (e) {
      // Defence in depth: ports are supposed to report, not throw.
      return this.note('note', what, fail(`Failed: ${describeError(e)}`));
    } finally {
      this.running = null;
      this.emit();
    }
  }

  private async runButton(button: ButtonLike): Promise<ActionResult> {
    this.trace.record({
      kind: 'button',
      name: `button ${button.id}`,
      params: [button.label ?? ''].filter(Boolean),
      status: 'info',
      message:
        [
          button.sandbox_id && `script ${button.sandbox_id}`,
          button.form_id && `form ${button.form_id}`,
          button.fn && `fn ${button.fn}`,
        ]
          .filter(Boolean)
          .join(', ') || 'no instructions',
    });

    let patch: FormPatch = EMPTY_PATCH;
    if (button.sandbox_id) {
      const answer = await this.callServer(`POST button ${button.id}`, () =>
        this.ports.server.runButton(button.id),
      );
      if (!answer.ok) return answer.result;
      const instructions = answer.instructions;
      patch = { formSchema: instructions.formSchema, formData: instructions.formData };
      if (instructions.action) {
        const bound = this.bindCall(instructions.action.name, instructions.action.args, 'server');
        if (!bound.ok) return bound.result;
        if (!bound.action.opensForm && !isEmptyPatch(patch)) {
          this.note('note', 'formSchema/formData', fail('Ignored: the answer’s action opens no form.'));
        }
        if (button.form_id || button.fn) {
          this.note('note', 'precedence', ok('The script’s action replaces the button’s form_id/fn.'));
        }
        return this.perform(bound.action, patch);
      }
    }
    if (button.form_id) {
      if (button.fn)
        this.note('note', 'precedence', ok(`form_id "${button.form_id}" wins over fn "${button.fn}".`));
      const bound = this.bindCall('openForm', [button.form_id], 'button');
      return bound.ok ? this.perform(bound.action, patch) : bound.result;
    }
    if (button.fn) return this.runFnNow(button.fn, patch);
    if (!isEmptyPatch(patch))
      return this.note('note', 'formSchema/formData', fail('Ignored: there is no form to open.'));
    return this.note('note', `button ${button.id}`, ok('The server answered nothing to do.'));
  }

  private async runSubmit(form: FormModel, values: Record<string, AgentFieldValue>): Promise<ActionResult> {
    this.trace.record({
      kind: 'form',
      name: `submit ${form.id}`,
      params: [form.name],
      status: 'info',
      message: `${Object.keys(values).length} value(s)`,
    });
    const answer = await this.callServer(`POST form ${form.id}`, () =>
      this.ports.server.submitForm(form.id, values),
    );
    if (!answer.ok) return answer.result;
    const { action, formSchema, formData } = answer.instructions;
    const patch: FormPatch = { formSchema, formData };
    if (!action) {
      if (!isEmptyPatch(patch)) {
        this.ports.forms.patch(patch);
        return this.note('form', `patch ${form.id}`, ok('The server updated the form.'));
      }
      this.ports.forms.close();
      return this.note('form', `submit ${form.id}`, ok(`“${form.name}” sent.`));
    }
    const bound = this.bindCall(action.name, action.args, 'server');
    if (!bound.ok) return bound.result;
    if (!bound.action.opensForm) this.ports.forms.close();
    return this.perform(bound.action, patch);
  }

  private runFnNow(fn: string, patch: FormPatch): Promise<ActionResult> {
    const parsed = parseFnString(fn);
    if (!parsed.ok)
      return Promise.resolve(this.note('action', 'fn', fail(`fn "${fn.slice(0, 80)}": ${parsed.error}`)));
    const bound = this.bindCall(parsed.call.name, parsed.call.args, 'fn');
    return bound.ok ? this.perform(bound.action, patch) : Promise.resolve(bound.result);
  }

  private bindCall(
    name: string,
    args: string[],
    from: string,
  ): { ok: true; action: BoundAction } | { ok: false; result: ActionResult } {
    const bound = this.registry.bind({ name, args });
    if (bound.ok) return bound;
    return {
      ok: false,
      result: this.note('action', name.slice(0, 40), fail(`${from}: ${bound.error}`), args),
    };
  }

  private async perform(action: BoundAction, patch: FormPatch): Promise<ActionResult> {
    const started = this.now();
    let result: ActionResult;
    try {
      result = await action.perform(this.ports, { patch });
    } catch (e) {
      result = fail(describeError(e));
    }
    this.trace.record({
      kind: 'action',
      name: action.name,
      params: action.params,
      status: result.status,
      message: result.message,
      durationMs: Math.round(this.now() - started),
    });
    return result;
  }

  private async callServer(
    what: string,
    request: () => Promise<unknown>,
  ): Promise<{ ok: true; instructions: ServerInstructions } | { ok: false; result: ActionResult }> {
    const started = this.now();
    let raw: unknown;
    try {
      raw = await request();
    } catch (e) {
      const result = fail(describeError(e));
      this.trace.record({ kind: 'server', name: what, params: [], status: 'error', message: result.message });
      return { ok: false, result };
    }
    const instructions = readServerResponse(raw);
    const summary = [
      instructions.action && `action ${instructions.action.name}(${instructions.action.args.join(', ')})`,
      instructions.formSchema.length && `formSchema ×${instructions.formSchema.length}`,
      Object.keys(instructions.formData).length && `formData ×${Object.keys(instructions.formData).length}`,
    ].filter(Boolean);
    this.trace.record({
      kind: 'server',
      name: what,
      params: [],
      status: 'ok',
      message: summary.join(', ') || 'no instructions',
      durationMs: Math.round(this.now() - started),
    });
    for (const u of instructions.unsupported)
      this.note('server', 'unsupported', { status: 'unsupported', message: u });
    for (const p of instructions.problems) this.note('server', 'ignored', fail(p));
    return { ok: true, instructions };
  }

  private note(
    kind: 'note' | 'action' | 'server' | 'form' | 'button',
    name: string,
    result: ActionResult,
    params: string[] = [],
  ) {
    this.trace.record({ kind, name, params, status: result.status, message: result.message });
    return result;
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}
