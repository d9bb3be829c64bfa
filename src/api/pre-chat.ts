/**
 * The pre-chat form's answers checked against the operator's fields (issue 14): on the server before
 * they are stored and shown to the agent. Pure and zod-free; the join page checks the same rules with
 * the forms engine (src/actions/form-model.ts) before it sends.
 */
import { MAX_PRECHAT_ANSWER } from './join-widget-defaults';
import type { PreChatField } from './join-widget-schemas';

/** What the customer sent: field name → text (or a checkbox's true/false). */
export type PreChatAnswers = Record<string, string | boolean>;

/** One answer as the agent sees it. */
export interface PreChatAnswer {
  label: string;
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The answers in the form's order with their labels, or `field: problem` for the first bad one. */
export function checkPreChatAnswers(
  fields: readonly PreChatField[],
  answers: PreChatAnswers,
): { ok: true; answers: PreChatAnswer[] } | { ok: false; problem: string } {
  const known = new Set(fields.map((f) => f.name));
  const stranger = Object.keys(answers).find((name) => !known.has(name));
  if (stranger !== undefined) return { ok: false, problem: `${stranger}: not a field of the pre-chat form.` };
  const checked: PreChatAnswer[] = [];
  for (const field of fields) {
    const raw = Object.hasOwn(answers, field.name) ? answers[field.name] : undefined;
    const bad = (why: string) => ({ ok: false as const, problem: `${field.name}: ${why}` });
    if (field.type === 'checkbox') {
      if (raw !== undefined && typeof raw !== 'boolean') return bad('true or false.');
      if (field.required && raw !== true) return bad(`tick “${field.label}”.`);
      checked.push({ label: field.label, value: raw === true ? 'Yes' : 'No' });
      continue;
    }
    if (raw !== undefined && typeof raw !== 'string') return bad('text expected.');
    const text = (raw ?? '').trim();
    if (text.length > MAX_PRECHAT_ANSWER) return bad(`at most ${MAX_PRECHAT_ANSWER} characters.`);
    if (text === '') {
      if (field.required) return bad(`${field.label} is required.`);
      continue;
    }
    if (field.type === 'email' && (!EMAIL.test(text) || text.length > 254))
      return bad('not an e-mail address.');
    if (field.type === 'tel' && !/^\+?[0-9 ()./-]{3,32}$/.test(text)) return bad('not a phone number.');
    if (field.type === 'select' && !(field.options ?? []).includes(text))
      return bad('not one of the options.');
    if (field.type !== 'textarea' && /[\r\n]/.test(text)) return bad('one line only.');
    checked.push({ label: field.label, value: text });
  }
  return { ok: true, answers: checked };
}
