/**
 * Server scripts ("sandbox" in ConnexCS terms): TypeScript functions registered by id in this
 * server, the demo's (./index.ts) and the operator's own files in DATA_DIR/scripts
 * (./operator-scripts.ts). Nothing evaluates code from a browser or the API: no eval, no vm.
 */
import type { AgentActionsResponse, AgentContext, AgentFieldValue, Lead } from '../../../src/api/schemas';
import type { SessionUser } from '../../api/router';
import type { AgentStore } from '../store';

export interface ScriptInput {
  user: SessionUser;
  /** What the app said about the agent's situation (current call, lead). */
  context: AgentContext;
  /** Submitted form values (empty for a button). */
  data: Readonly<Record<string, AgentFieldValue>>;
  store: AgentStore;
  campaignId: string | undefined;
  /** The lead this agent is working, if any. */
  lead: Lead | undefined;
}

/** May answer later (an operator's script asking its CRM): the route waits up to SCRIPT_TIMEOUT_MS. */
export type ServerScript = (input: ScriptInput) => AgentActionsResponse | Promise<AgentActionsResponse>;

/** A script's way to refuse input: becomes a 400 with this message. */
export class ScriptError extends Error {}

type Actions = AgentActionsResponse['__'];

/** Builds the `__` actions namespace. */
export function respond(actions: Actions = {}): AgentActionsResponse {
  return { __: actions };
}

export function action(name: string, ...params: string[]): NonNullable<Actions['action']> {
  return params.length ? { name, params } : { name };
}

export function text(value: AgentFieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}
