/**
 * Server scripts ("sandbox" in ConnexCS terms): TypeScript functions registered by id in this
 * server. Nothing here evaluates user-supplied code: no eval, no vm, no dynamic import.
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

export type ServerScript = (input: ScriptInput) => AgentActionsResponse;

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
