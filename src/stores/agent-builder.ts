/**
 * Admin → Buttons and Admin → Forms (issue 13, ADR 0022): the builders' server calls and their editing
 * model, with the runner's own validation (src/actions/builder-*). Saving tells open Agent tabs through
 * the server's event stream; this tab needs no extra step.
 */
import { agentBuilderApi } from '../api/agent-builder';
import { appHttp } from './phone-bridge-instance';
import './action-wording'; // the action layer's sentences in the user's language

export {
  buttonFromDraft,
  draftFromButton,
  draftFromForm,
  emptyButton,
  emptyForm,
  formFromDraft,
  moveField,
  newField,
  previewForm,
  type ButtonDraft,
  type FieldDraft,
  type FormDraft,
} from '../actions/builder-model';
export {
  BUTTON_TYPES,
  FIELD_VALIDATIONS,
  fnProblem,
  type AgentDefinitions,
} from '../actions/builder-schemas';
export { AGENT_FIELD_TYPES } from '../api/schemas';
export { validateForm, type FormModel } from '../actions/form-model';

const http = appHttp();

export const agentBuilder = agentBuilderApi(http);

/** `field: message` answers from the server (`fn: Unknown action…`) → the field and the sentence. */
export function serverFieldError(message: string): { field: string; message: string } | null {
  const match = /^([a-z_]+(?:\.\d+(?:\.[a-z_]+)?)?): (.+)$/s.exec(message);
  return match ? { field: match[1]!, message: match[2]! } : null;
}
