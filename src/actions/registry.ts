/**
 * The actions a server (or a button's `fn`) may ask for, as registered objects: each has a
 * signature, an arity, a typed parameter parser and a `perform` that talks to ports and returns
 * a result (after excalidraw's actions/manager). {@link bindAction} turns a parsed call into a
 * ready-to-run action, or a clear error — never an exception.
 */
import { wording } from './wording';
import { LEAD_OUTCOMES, type LeadOutcome } from '../api/schemas';
import type { FnCall } from './fn-parser';
import { applyPatch, EMPTY_PATCH, isEmptyPatch, normalizeForm, type FormPatch } from './form-model';
import {
  fail,
  fromPort,
  ok,
  type ActionPorts,
  type ActionResult,
  type LeadNumbers,
  type NavigationTarget,
} from './types';
import { checkRedirectUrl } from './url-policy';
import { errorMessage } from '../lib/errors';

export const ACTION_NAMES = [
  'answerCall',
  'endCall',
  'makeCall',
  'openForm',
  'redirect',
  'toggleMic',
  'save',
  'next',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface PerformContext {
  /** formSchema/formData from a server script, for the form this action opens. */
  patch: FormPatch;
}

type Parsed<P> = { ok: true; params: P } | { ok: false; error: string };

export interface ActionSpec<P> {
  name: ActionName;
  /** How the action is written, for messages: `makeCall(alt_phone|phone_code|number)`. */
  signature: string;
  minArgs: number;
  maxArgs: number;
  parse(args: readonly string[]): Parsed<P>;
  /** The parameters as recorded in the trace. */
  describe(params: P): string[];
  perform(params: P, ports: ActionPorts, context: PerformContext): Promise<ActionResult>;
}

/** An action with its parameters parsed, ready to run. */
export interface BoundAction {
  name: ActionName;
  params: string[];
  /** True for openForm: formSchema/formData from a script apply to what it opens. */
  opensForm: boolean;
  perform(ports: ActionPorts, context: PerformContext): Promise<ActionResult>;
}

interface RegisteredAction {
  name: ActionName;
  signature: string;
  minArgs: number;
  maxArgs: number;
  bind(args: readonly string[]): { ok: true; action: BoundAction } | { ok: false; error: string };
}

function defineAction<P>(spec: ActionSpec<P>): RegisteredAction {
  return {
    name: spec.name,
    signature: spec.signature,
    minArgs: spec.minArgs,
    maxArgs: spec.maxArgs,
    bind(args) {
      const parsed = spec.parse(args);
      if (!parsed.ok) return { ok: false, error: `${spec.signature}: ${parsed.error}` };
      const params = parsed.params;
      return {
        ok: true,
        action: {
          name: spec.name,
          params: spec.describe(params),
          opensForm: spec.name === 'openForm',
          perform: (ports, context) => spec.perform(params, ports, context),
        },
      };
    },
  };
}

const none = (): Parsed<null> => ({ ok: true, params: null });
const noParams = () => [];

// makeCall ------------------------------------------------------------------------------------

const LEAD_FIELDS = ['phone', 'alt_phone', 'phone_code'] as const satisfies readonly (keyof LeadNumbers)[];
type MakeCallParams = { field: keyof LeadNumbers } | { number: string };
const DIAL_STRING = /^(?:\+?[\d*#]{2,32}|sips?:[^\s<>"']{3,256})$/i;

const cleanNumber = (text: string) => (/^sips?:/i.test(text) ? text : text.replace(/[\s\-.()/]/g, ''));

export const makeCall = defineAction<MakeCallParams>({
  name: 'makeCall',
  signature: 'makeCall(alt_phone|phone_code|phone|number)',
  minArgs: 1,
  maxArgs: 1,
  parse([raw = '']) {
    const field = LEAD_FIELDS.find((f) => f === raw.trim().toLowerCase());
    if (field) return { ok: true, params: { field } };
    const number = cleanNumber(raw.trim());
    if (DIAL_STRING.test(number)) return { ok: true, params: { number } };
    return {
      ok: false,
      error: `"${raw.slice(0, 40)}" is neither a lead field (${LEAD_FIELDS.join(', ')}) nor a number.`,
    };
  },
  describe: (p) => ['field' in p ? p.field : p.number],
  async perform(p, ports) {
    let target: string;
    if ('field' in p) {
      const lead = ports.campaign.lead();
      if (!lead) return fail(`There is no lead to take ${p.field} from.`);
      target = cleanNumber(lead[p.field].trim());
      if (!DIAL_STRING.test(target)) return fail(`The lead has no usable ${p.field}.`);
    } else target = p.number;
    return fromPort(await ports.phone.dial(target), wording().calling(target));
  },
});

// openForm ------------------------------------------------------------------------------------

export const openForm = defineAction<{ ref: string }>({
  name: 'openForm',
  signature: 'openForm(formName)',
  minArgs: 1,
  maxArgs: 1,
  parse([raw = '']) {
    const ref = raw.trim();
    if (!ref || ref.length > 128) return { ok: false, error: 'the form name must be 1–128 characters.' };
    return { ok: true, params: { ref } };
  },
  describe: (p) => [p.ref],
  async perform({ ref }, ports, { patch }) {
    let raw: unknown;
    try {
      raw = await ports.forms.load(ref);
    } catch (e) {
      return fail(`Could not load form "${ref}": ${errorMessage(e)}`);
    }
    const normalized = normalizeForm(raw);
    if (!normalized.ok) return fail(`Form "${ref}" is not usable: ${normalized.error}`);
    const patched = isEmptyPatch(patch)
      ? { form: normalized.form, problems: [] }
      : applyPatch(normalized.form, patch);
    ports.forms.show(patched.form);
    const problems = [...normalized.problems, ...patched.problems];
    const applied = isEmptyPatch(patch)
      ? ''
      : ` with ${patch.formSchema.length} schema change(s) and ${Object.keys(patch.formData).length} value(s)`;
    return ok(`Opened “${patched.form.name}”${applied}${problems.length ? `; ${problems.join(' ')}` : ''}`);
  },
});

// redirect ------------------------------------------------------------------------------------

interface RedirectParams {
  url: string;
  external: boolean;
  target: NavigationTarget;
}

const TRUE = ['true', '1', 'yes', 'external'];
const FALSE = ['false', '0', 'no', 'internal'];

export const redirect = defineAction<RedirectParams>({
  name: 'redirect',
  signature: 'redirect(url[, isExternalLink][, target])',
  minArgs: 1,
  maxArgs: 3,
  parse(args) {
    let external: boolean | undefined;
    let target: NavigationTarget | undefined;
    for (const raw of args.slice(1)) {
      const v = raw.trim().toLowerCase();
      if (external === undefined && target === undefined && TRUE.includes(v)) external = true;
      else if (external === undefined && target === undefined && FALSE.includes(v)) external = false;
      else if (target === undefined && ['_blank', '_new', 'blank', 'new'].includes(v)) target = '_blank';
      else if (target === undefined && ['_self', '_top', '_parent', 'self'].includes(v)) target = '_self';
      else return { ok: false, error: `"${raw.slice(0, 40)}" is not true/false or _blank/_self.` };
    }
    const url = args[0] ?? '';
    // An absolute http(s) URL is external unless the server says otherwise.
    const isExternal = external ?? /^https?:/i.test(url.trim());
    return {
      ok: true,
      params: { url, external: isExternal, target: target ?? (isExternal ? '_blank' : '_self') },
    };
  },
  describe: (p) => [p.url, String(p.external), p.target],
  async perform(p, ports) {
    const checked = checkRedirectUrl(p.url, { external: p.external, origin: ports.navigation.origin });
    if (!checked.ok) return fail(wording().notOpened(checked.error));
    return fromPort(
      ports.navigation.open(checked.url, p.target),
      wording().opened(checked.url, p.target === '_blank'),
    );
  },
});

// save ----------------------------------------------------------------------------------------

export const save = defineAction<{ outcome: LeadOutcome }>({
  name: 'save',
  signature: 'save(Yes|No|Unknown)',
  minArgs: 1,
  maxArgs: 1,
  parse([raw = '']) {
    const outcome = LEAD_OUTCOMES.find((o) => o.toLowerCase() === raw.trim().toLowerCase());
    return outcome
      ? { ok: true, params: { outcome } }
      : { ok: false, error: `"${raw.slice(0, 40)}" is not Yes, No or Unknown.` };
  },
  describe: (p) => [p.outcome],
  async perform({ outcome }, ports) {
    return fromPort(await ports.campaign.save(outcome), wording().savedOutcome(outcome));
  },
});

// No-parameter actions --------------------------------------------------------------------------

const simple = (name: ActionName, run: (ports: ActionPorts) => Promise<ActionResult>) =>
  defineAction<null>({
    name,
    signature: `${name}()`,
    minArgs: 0,
    maxArgs: 0,
    parse: none,
    describe: noParams,
    perform: (_p, ports) => run(ports),
  });

export const answerCall = simple('answerCall', async (p) =>
  fromPort(await p.phone.answer(), wording().answered()),
);
export const endCall = simple('endCall', async (p) =>
  fromPort(await p.phone.hangup(), wording().callEnded()),
);
export const toggleMic = simple('toggleMic', async (p) =>
  fromPort(await p.phone.toggleMic(), wording().micToggled()),
);
export const next = simple('next', async (p) => fromPort(await p.campaign.next(), wording().nextLead()));

// The registry ----------------------------------------------------------------------------------

export class ActionRegistry {
  private readonly byName = new Map<string, RegisteredAction>();

  constructor(actions: readonly RegisteredAction[]) {
    for (const a of actions) this.byName.set(a.name.toLowerCase(), a);
  }

  names(): string[] {
    return [...this.byName.values()].map((a) => a.name);
  }

  /** Name lookup (case-insensitive), arity check, parameter parsing. */
  bind(call: FnCall): { ok: true; action: BoundAction } | { ok: false; error: string } {
    const action = this.byName.get(call.name.toLowerCase());
    if (!action) {
      return {
        ok: false,
        error: `Unknown action "${call.name.slice(0, 40)}". Known: ${this.names().join(', ')}.`,
      };
    }
    const n = call.args.length;
    if (n < action.minArgs || n > action.maxArgs) {
      const want =
        action.minArgs === action.maxArgs
          ? `${action.minArgs} parameter${action.minArgs === 1 ? '' : 's'}`
          : `${action.minArgs}–${action.maxArgs} parameters`;
      return { ok: false, error: `${action.signature} takes ${want}, got ${n}.` };
    }
    return action.bind(call.args);
  }
}

export const defaultRegistry = () =>
  new ActionRegistry([answerCall, endCall, makeCall, openForm, redirect, toggleMic, save, next]);

export { EMPTY_PATCH };
