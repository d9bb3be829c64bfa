/**
 * The join page's pre-chat form (issue 14) in the forms engine's terms: the operator's fields become a
 * FormModel rendered by src/ui/forms/AgentFormView and validated by the form model's rules, the same
 * code as the Agent tab's forms. Loaded only when the operator has a pre-chat form (its own chunk).
 */
import type { PreChatAnswers } from '../api/pre-chat';
import type { PreChat } from '../api/join-widget-schemas';
import type { AgentFieldValue } from '../api/schemas';
import { normalizeForm, validateForm, type FormModel } from '../actions/form-model';
import './action-wording'; // the action layer's sentences in the user's language

export { validateForm, type FormModel };

/** The form's own words, in the customer's language (the screen translates them; this module has none). */
export interface PreChatWording {
  title: string;
  description: string;
  submit: string;
}

export function preChatFormModel(preChat: PreChat, wording: PreChatWording): FormModel {
  const result = normalizeForm({
    id: 'prechat',
    name: wording.title,
    description: wording.description,
    submit_label: wording.submit,
    fields: preChat.fields.map((f) => ({
      ...f,
      ...(f.options ? { options: f.options } : {}),
    })),
  });
  // The fields passed the server's schema, so the form is always usable; keep the type honest anyway.
  if (!result.ok) throw new Error(result.error);
  return result.form;
}

/** The form's values as sent: text trimmed, checkboxes as true/false, empty optional answers left out. */
export function answersOf(form: FormModel, values: Record<string, AgentFieldValue>): PreChatAnswers {
  const answers: PreChatAnswers = {};
  for (const field of form.fields) {
    const value = values[field.name];
    if (field.type === 'checkbox') answers[field.name] = value === true;
    else if (value !== null && value !== undefined && String(value).trim() !== '') {
      answers[field.name] = String(value).trim();
    }
  }
  return answers;
}
