/** Hand-written fake ports for runner and action tests: every call is recorded. */
import type { AgentFieldValue, LeadOutcome } from '../../api/schemas';
import type { FormModel, FormPatch } from '../form-model';
import type { ActionPorts, LeadNumbers, NavigationTarget, PortOutcome } from '../types';

export interface FakePorts extends ActionPorts {
  calls: string[];
  shown: FormModel[];
  patches: FormPatch[];
  opened: Array<{ url: string; target: NavigationTarget }>;
  lead: LeadNumbers | null;
  forms: ActionPorts['forms'] & { definitions: Record<string, unknown> };
  server: ActionPorts['server'] & { answers: Record<string, unknown | (() => unknown)> };
  phoneOutcome: PortOutcome;
}

export function fakePorts(): FakePorts {
  const ok: PortOutcome = { ok: true };
  const ports: FakePorts = {
    calls: [],
    shown: [],
    patches: [],
    opened: [],
    lead: { phone: '1003', alt_phone: '1002', phone_code: '+44' },
    phoneOutcome: ok,
    phone: {
      answer: async () => (ports.calls.push('answer'), ports.phoneOutcome),
      hangup: async () => (ports.calls.push('hangup'), ports.phoneOutcome),
      dial: async (target: string) => (ports.calls.push(`dial ${target}`), ports.phoneOutcome),
      toggleMic: async () => (ports.calls.push('toggleMic'), ports.phoneOutcome),
    },
    forms: {
      definitions: {},
      async load(ref: string) {
        ports.calls.push(`load ${ref}`);
        if (!(ref in ports.forms.definitions)) throw new Error(`No form "${ref}".`);
        return ports.forms.definitions[ref];
      },
      show: (form: FormModel) => void ports.shown.push(form),
      patch: (patch: FormPatch) => void ports.patches.push(patch),
      close: () => void ports.calls.push('close form'),
    },
    navigation: {
      origin: 'https://app.example',
      open(url: string, target: NavigationTarget) {
        ports.opened.push({ url, target });
        return ok;
      },
    },
    campaign: {
      lead: () => ports.lead,
      next: async () => (ports.calls.push('next'), ok),
      save: async (o: LeadOutcome) => (ports.calls.push(`save ${o}`), ok),
    },
    server: {
      answers: {},
      async runButton(id: string) {
        ports.calls.push(`POST button ${id}`);
        const a = ports.server.answers[`button ${id}`];
        return typeof a === 'function' ? (a as () => unknown)() : a;
      },
      async submitForm(id: string, data: Record<string, AgentFieldValue>) {
        ports.calls.push(`POST form ${id} ${JSON.stringify(data)}`);
        const a = ports.server.answers[`form ${id}`];
        return typeof a === 'function' ? (a as () => unknown)() : a;
      },
    },
  };
  return ports;
}
