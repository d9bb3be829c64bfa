/**
 * The Agent tab's state and glue: the zustand store (buttons, lead, open form, trace, busy), the
 * action runner's ports implemented over the phone bridge, the calls store, the API and the
 * browser, and the intents the UI calls. The runner (src/actions) only ever sees the ports.
 */
import { t } from '@lingui/core/macro';
import { create } from 'zustand';
import {
  ActionRunner,
  applyPatch,
  validateForm,
  type ActionPorts,
  type ActionResult,
  type FormModel,
  type NavigationTarget,
  type PortOutcome,
  type TraceEntry,
} from '../actions';
import type { AgentButton, AgentContext, AgentFieldValue, CampaignView, LeadOutcome } from '../api/schemas';
import { normalizeDialTarget } from '../lib/phone-number';
import { CallState } from '../phone/types';
import type { AgentApi } from '../api/agent';
import { selectForegroundCall, selectIncomingCalls, useCallsStore } from './calls';
import type { PhoneBridge } from './phone-bridge';
import { errorMessage } from '../lib/errors';
import './action-wording'; // the action layer's sentences in the user's language

/** The dispositions a lead can be saved with, for the lead card's buttons. */
export { LEAD_OUTCOMES } from '../api/schemas';

export interface AgentWorkspaceState {
  buttons: AgentButton[];
  buttonsStatus: 'idle' | 'loading' | 'ready' | 'error';
  buttonsError: string | null;
  campaign: CampaignView | null;
  campaignError: string | null;
  /** The open form (or custom page), with its live values. */
  form: FormModel | null;
  formErrors: Record<string, string>;
  /** The server's answer when a submit failed. */
  formMessage: string | null;
  /** What the runner is doing (`button crm-lookup`), or null. */
  busy: string | null;
  /** The flight recorder, newest last. */
  trace: readonly TraceEntry[];
  /** The last result, for a status line. */
  lastResult: ActionResult | null;
}

export const INITIAL_AGENT_STATE: AgentWorkspaceState = {
  buttons: [],
  buttonsStatus: 'idle',
  buttonsError: null,
  campaign: null,
  campaignError: null,
  form: null,
  formErrors: {},
  formMessage: null,
  busy: null,
  trace: [],
  lastResult: null,
};

export interface AgentWorkspaceDeps {
  api: AgentApi;
  bridge: Pick<PhoneBridge, 'dial' | 'answer' | 'hangup' | 'toggleMute'>;
  calls?: typeof useCallsStore;
  /** Browser navigation (window.open / history); injectable for tests. */
  browser: {
    origin: string;
    openTab(url: string): void;
    /** Same-origin path in this app, without a reload. */
    navigateInApp(path: string): void;
  };
}

export interface AgentWorkspace {
  useStore: ReturnType<typeof createStore>;
  runner: ActionRunner;
  /** Loads buttons and the current lead. */
  load(): Promise<void>;
  /** Reloads the buttons only (an admin changed them; ADR 0022). */
  loadButtons(): Promise<void>;
  press(button: AgentButton): Promise<ActionResult>;
  /** Lead card and other local intents, written as fn strings so they run through the runner. */
  run(fn: string, source: string): Promise<ActionResult>;
  setValue(name: string, value: AgentFieldValue): void;
  /** Validates, then submits the open form through the runner. */
  submit(): Promise<ActionResult | null>;
  closeForm(): void;
  clearTrace(): void;
}

const createStore = () => create<AgentWorkspaceState>()(() => INITIAL_AGENT_STATE);

export function createAgentWorkspace(deps: AgentWorkspaceDeps): AgentWorkspace {
  const useStore = createStore();
  const calls = deps.calls ?? useCallsStore;
  const set = useStore.setState;

  const liveCall = () => {
    const call = selectForegroundCall(calls.getState());
    return call && call.state !== CallState.Ended ? call : null;
  };
  const callError = (fallback: string): PortOutcome => {
    const error = calls.getState().error;
    return { ok: false, error: error ?? fallback };
  };

  const context = (): AgentContext => {
    const call = liveCall();
    return {
      call: call ? { remote: call.remoteUser, direction: call.direction, state: call.state } : null,
      lead_id: useStore.getState().campaign?.lead?.id ?? null,
    };
  };

  const campaignUpdate = async (request: () => Promise<CampaignView>, done: string): Promise<PortOutcome> => {
    try {
      const campaign = await request();
      set({ campaign, campaignError: null });
      return {
        ok: true,
        detail: campaign.lead ? `${done}: ${campaign.lead.name}` : `${done}: no leads left`,
      };
    } catch (e) {
      return { ok: false, error: errorMessage(e) };
    }
  };

  async function withFreshLead<T>(answer: Promise<T>): Promise<T> {
    const result = await answer;
    try {
      set({ campaign: await deps.api.campaign(), campaignError: null });
    } catch {
      // Keep the lead we have; the script's answer still runs.
    }
    return result;
  }

  const ports: ActionPorts = {
    phone: {
      async answer() {
        const ringing = selectIncomingCalls(calls.getState())[0];
        if (!ringing) return { ok: false, error: t`No incoming call to answer.` };
        calls.setState({ error: null });
        await deps.bridge.answer(ringing.id, false);
        return calls.getState().error ? callError(t`Could not answer.`) : { ok: true, detail: t`Answered` };
      },
      async hangup() {
        const call = liveCall() ?? selectIncomingCalls(calls.getState())[0];
        if (!call) return { ok: false, error: t`There is no call to end.` };
        await deps.bridge.hangup(call.id);
        return { ok: true, detail: t`Call ended` };
      },
      async dial(target) {
        const normalized = normalizeDialTarget(target);
        if (!normalized.ok) return { ok: false, error: normalized.error };
        const id = await deps.bridge.dial(normalized.value, false);
        return id
          ? { ok: true, detail: t`Calling ${normalized.value}` }
          : callError(t`Could not start the call.`);
      },
      async toggleMic() {
        const call = liveCall();
        if (!call || (call.state !== CallState.Active && call.state !== CallState.Connecting)) {
          return { ok: false, error: t`There is no connected call to mute.` };
        }
        const muting = !call.muted;
        deps.bridge.toggleMute(call.id);
        return { ok: true, detail: muting ? t`Microphone muted` : t`Microphone on` };
      },
    },
    forms: {
      load: (ref) => deps.api.form(ref),
      show: (form) => set({ form, formErrors: {}, formMessage: null }),
      patch: (patch) => {
        const form = useStore.getState().form;
        if (form) set({ form: applyPatch(form, patch).form, formMessage: null });
      },
      close: () => set({ form: null, formErrors: {}, formMessage: null }),
    },
    navigation: {
      origin: deps.browser.origin,
      open(url: string, target: NavigationTarget) {
        const sameOrigin = new URL(url).origin === new URL(deps.browser.origin).origin;
        if (target === '_self' && sameOrigin) {
          const u = new URL(url);
          deps.browser.navigateInApp(`${u.pathname}${u.search}${u.hash}`);
          return { ok: true, detail: t`Opened ${u.pathname}` };
        }
        // Leaving the app in this tab would drop the SIP registration and any call: new tab instead.
        deps.browser.openTab(url);
        return {
          ok: true,
          detail:
            target === '_self'
              ? t`Opened ${url} in a new tab (leaving the app would end calls)`
              : t`Opened ${url} in a new tab`,
        };
      },
    },
    campaign: {
      lead: () => useStore.getState().campaign?.lead ?? null,
      next: () => campaignUpdate(() => deps.api.next(), t`Next lead`),
      save: (outcome: LeadOutcome) => campaignUpdate(() => deps.api.save(outcome), t`Saved ${outcome}`),
    },
    server: {
      // A script may change the lead (e.g. a corrected alt_phone): refresh it before the answer runs.
      runButton: (id) => withFreshLead(deps.api.runButton(id, context())),
      submitForm: (id, data) => withFreshLead(deps.api.submitForm(id, data, context())),
    },
  };

  const runner = new ActionRunner(ports);
  runner.trace.subscribe(() => set({ trace: runner.trace.list() }));
  runner.subscribe(() => set({ busy: runner.busy }));

  const showButtons = (buttons: PromiseSettledResult<{ buttons: AgentButton[]; dropped: number }>) => {
    if (buttons.status === 'fulfilled') {
      const sorted = [...buttons.value.buttons].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
      set({ buttons: sorted, buttonsStatus: 'ready' });
      if (buttons.value.dropped) {
        runner.trace.record({
          kind: 'note',
          name: 'buttons',
          params: [],
          status: 'error',
          message: `${buttons.value.dropped} button definition(s) were malformed and are not shown.`,
        });
      }
    } else set({ buttonsStatus: 'error', buttonsError: errorMessage(buttons.reason) });
  };

  const finish = (result: ActionResult) => {
    set({ lastResult: result });
    return result;
  };

  return {
    useStore,
    runner,
    async load() {
      set({ buttonsStatus: 'loading', buttonsError: null });
      const [buttons, campaign] = await Promise.allSettled([deps.api.buttons(), deps.api.campaign()]);
      showButtons(buttons);
      if (campaign.status === 'fulfilled') set({ campaign: campaign.value, campaignError: null });
      else set({ campaignError: errorMessage(campaign.reason) });
    },
    async loadButtons() {
      const [buttons] = await Promise.allSettled([deps.api.buttons()]);
      showButtons(buttons);
    },
    press: async (button) => finish(await runner.pressButton(button)),
    run: async (fn, source) => finish(await runner.runFn(fn, source)),
    setValue(name, value) {
      const { form, formErrors } = useStore.getState();
      if (!form) return;
      const { [name]: _cleared, ...rest } = formErrors;
      set({ form: { ...form, values: { ...form.values, [name]: value } }, formErrors: rest });
    },
    async submit() {
      const form = useStore.getState().form;
      if (!form) return null;
      const errors = validateForm(form);
      if (Object.keys(errors).length) {
        set({ formErrors: errors, formMessage: null });
        return null;
      }
      const result = await runner.submitForm(form, { ...form.values });
      if (result.status !== 'ok' && useStore.getState().form?.id === form.id)
        set({ formMessage: result.message });
      return finish(result);
    },
    closeForm: () => ports.forms.close(),
    clearTrace: () => runner.trace.clear(),
  };
}
