/**
 * The field types of a server form (ConnexCS form schema), without zod: the forms engine
 * (src/actions/form-model.ts) needs only this list, and the join page's pre-chat form loads that engine
 * without the platform schemas (docs/performance.md budget).
 */
export const AGENT_FIELD_TYPES = [
  'text',
  'number',
  'email',
  'tel',
  'textarea',
  'select',
  'checkbox',
  'date',
  'hidden',
  /** Static text: sanitised HTML shown in the form's grid (DOMPurify); it has no value. */
  'html',
] as const;
export type AgentFieldType = (typeof AGENT_FIELD_TYPES)[number];
