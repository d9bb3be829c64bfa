/**
 * Agent workspace endpoints. The softphone ones follow the ConnexCS schema:
 *   GET  /api/softphone/buttons?placement=agent   buttons, by sort_order
 *   GET  /api/softphone/button/:id                one button
 *   POST /api/softphone/button/:id                runs the button's server script → `{__: …}`
 *   GET  /api/softphone/form/:id                  a form (by id, or by name as openForm uses)
 *   POST /api/softphone/form/:id                  submit → the form's script → `{__: …}`
 * and the preview dialer (ours):
 *   GET  /api/agent/campaign                      the agent's current lead (assigns one if needed)
 *   POST /api/agent/campaign/next                 skip to the next lead
 *   POST /api/agent/campaign/save                 `{outcome: Yes|No|Unknown}` for the current lead
 * Every route needs an API session; errors are `{error, message}` JSON.
 */
import {
  AgentActionsResponse,
  AgentButtonRunRequest,
  AgentFormSubmitRequest,
  SaveOutcomeRequest,
  type AgentContext,
  type AgentFieldValue,
  type CampaignView,
} from '../../src/api/schemas';
import { HttpError, type SessionUser } from '../api/router';
import type { RouteModule } from '../api/routes';
import { DEMO_SCRIPTS, ScriptError, type ServerScript } from './scripts';
import type { AgentStore, StoredForm } from './store';

export interface AgentRoutesDeps {
  store: AgentStore;
  /** Server scripts by sandbox_id (defaults to the demo registry). */
  scripts?: ReadonlyMap<string, ServerScript>;
  /** How long a script may take before the agent gets 504 (default SCRIPT_TIMEOUT_MS). */
  scriptTimeoutMs?: number;
}

const PLACEMENT = /^[a-z][a-z0-9_-]{0,31}$/;

function missingRequired(form: StoredForm, data: Readonly<Record<string, AgentFieldValue>>): string[] {
  return form.fields
    .filter((f) => f.required && !f.disabled && f.type !== 'hidden' && !f.hidden)
    .filter((f) => {
      const v = data[f.name];
      const none = Array.isArray(v) && v.length === 0; // a multiple select with nothing chosen
      return v === undefined || v === null || v === '' || none || (f.type === 'checkbox' && v === false);
    })
    .map((f) => f.label ?? f.name);
}

/** A script that has not answered by then fails the click with 504; the agent can press again. */
export const SCRIPT_TIMEOUT_MS = 10_000;

function withTimeout<T>(work: Promise<T>, ms: number, sandboxId: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpError(
            504,
            'script_timeout',
            `Server script "${sandboxId}" did not answer within ${ms / 1000} s.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function agentRoutes(deps: AgentRoutesDeps): RouteModule {
  const { store } = deps;
  const scripts = deps.scripts ?? DEMO_SCRIPTS;
  const scriptTimeoutMs = deps.scriptTimeoutMs ?? SCRIPT_TIMEOUT_MS;

  const campaignId = () => store.defaultCampaign()?.id;
  const user = (u: SessionUser | null): SessionUser => {
    if (!u) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
    return u;
  };

  async function runScript(
    sandboxId: string,
    who: SessionUser,
    context: AgentContext,
    data: Readonly<Record<string, AgentFieldValue>>,
  ): Promise<AgentActionsResponse> {
    const script = scripts.get(sandboxId);
    if (!script) throw new HttpError(501, 'script_missing', `Server script "${sandboxId}" is not installed.`);
    const cid = campaignId();
    const lead = cid ? store.currentLead(cid, who.username) : undefined;
    let result: AgentActionsResponse;
    try {
      result = await withTimeout(
        Promise.resolve(script({ user: who, context, data, store, campaignId: cid, lead })),
        scriptTimeoutMs,
        sandboxId,
      );
    } catch (error) {
      if (error instanceof ScriptError) throw new HttpError(400, 'script_refused', error.message);
      throw error;
    }
    // Scripts are typed, but an operator's plain JavaScript need not be: the wire promise is checked.
    const checked = AgentActionsResponse.safeParse(result);
    if (!checked.success) {
      throw new HttpError(
        502,
        'script_invalid',
        `Server script "${sandboxId}" answered something that is not actions.`,
      );
    }
    return checked.data;
  }

  function campaignView(who: SessionUser, advance: boolean): CampaignView {
    const cid = campaignId();
    if (!cid) throw new HttpError(404, 'no_campaign', 'No campaign is configured on this server.');
    const lead = advance
      ? store.nextLead(cid, who.username)
      : (store.currentLead(cid, who.username) ?? store.nextLead(cid, who.username));
    return store.view(cid, lead);
  }

  return (router) => {
    router.get(
      '/api/softphone/buttons',
      (ctx) => {
        const placement = ctx.url.searchParams.get('placement') ?? 'agent';
        if (!PLACEMENT.test(placement)) throw new HttpError(400, 'bad_placement', 'Unknown placement.');
        return store.listButtons(placement);
      },
      { auth: true },
    );

    router.get(
      '/api/softphone/button/:id',
      (ctx) => {
        const button = store.getButton(ctx.params.id ?? '');
        if (!button) throw new HttpError(404, 'not_found', 'No such button.');
        return button;
      },
      { auth: true },
    );

    router.post(
      '/api/softphone/button/:id',
      async (ctx) => {
        const who = user(ctx.user);
        const button = store.getButton(ctx.params.id ?? '');
        if (!button) throw new HttpError(404, 'not_found', 'No such button.');
        const { context } = await ctx.body(AgentButtonRunRequest);
        if (!button.sandbox_id) throw new HttpError(400, 'no_script', 'This button has no server script.');
        return runScript(button.sandbox_id, who, context ?? {}, {});
      },
      { auth: true },
    );

    router.get(
      '/api/softphone/form/:id',
      (ctx) => {
        const form = store.getForm(ctx.params.id ?? '');
        if (!form) throw new HttpError(404, 'not_found', `No form "${ctx.params.id}".`);
        return form;
      },
      { auth: true },
    );

    router.post(
      '/api/softphone/form/:id',
      async (ctx) => {
        const who = user(ctx.user);
        const form = store.getForm(ctx.params.id ?? '');
        if (!form) throw new HttpError(404, 'not_found', `No form "${ctx.params.id}".`);
        const { data, context } = await ctx.body(AgentFormSubmitRequest);
        const missing = missingRequired(form, data);
        if (missing.length) throw new HttpError(400, 'invalid_form', `Fill in: ${missing.join(', ')}.`);
        if (!form.sandbox_id) return { __: {} } satisfies AgentActionsResponse;
        return runScript(form.sandbox_id, who, context ?? {}, data);
      },
      { auth: true },
    );

    router.get('/api/agent/campaign', (ctx) => campaignView(user(ctx.user), false), { auth: true });

    router.post('/api/agent/campaign/next', (ctx) => campaignView(user(ctx.user), true), { auth: true });

    router.post(
      '/api/agent/campaign/save',
      async (ctx) => {
        const who = user(ctx.user);
        const { outcome, notes } = await ctx.body(SaveOutcomeRequest);
        const cid = campaignId();
        if (!cid) throw new HttpError(404, 'no_campaign', 'No campaign is configured on this server.');
        const lead = store.saveOutcome(cid, who.username, outcome, notes);
        if (!lead) throw new HttpError(409, 'no_lead', 'You have no lead to save an outcome for.');
        return store.view(cid, lead);
      },
      { auth: true },
    );
  };
}
