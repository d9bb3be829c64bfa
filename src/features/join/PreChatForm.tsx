import { plural } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import type { PreChat } from '../../api/join-widget-schemas';
import type { PreChatAnswers } from '../../api/pre-chat';
import type { AgentFieldValue } from '../../api/schemas';
import { answersOf, preChatFormModel, validateForm } from '../../stores/pre-chat-form';
import { AgentFormView } from '../../ui/forms/AgentFormView';

export interface PreChatFormProps {
  preChat: PreChat;
  agentName: string | undefined;
  onDone(answers: PreChatAnswers): void;
}

/**
 * The pre-chat form (issue 14), before the camera check and Join: the operator's fields rendered by the
 * Agent tab's forms engine, checked here with its rules and again by the server when the chat opens.
 * Its own chunk: loaded only when the operator has a pre-chat form.
 */
export default function PreChatForm({ preChat, agentName, onDone }: PreChatFormProps) {
  const { t } = useLingui();
  const [form, setForm] = useState(() =>
    preChatFormModel(preChat, {
      title: t`Before we start`,
      description: t`Tell us a little about yourself so the agent can help you straight away.`,
      submit: t`Continue`,
    }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const onChange = (name: string, value: AgentFieldValue) => {
    setForm((f) => ({ ...f, values: { ...f.values, [name]: value } }));
    setErrors(({ [name]: _fixed, ...rest }) => rest);
  };
  const onSubmit = () => {
    const found = validateForm(form);
    setErrors(found);
    const count = Object.keys(found).length;
    if (count > 0) {
      setMessage(plural(count, { one: 'One answer needs attention.', other: '# answers need attention.' }));
      return;
    }
    setMessage(null);
    onDone(answersOf(form, form.values));
  };

  return (
    <div className="join-card join-prechat">
      <h1>{agentName ? t`Video call with ${agentName}` : t`Video call`}</h1>
      <AgentFormView
        form={form}
        errors={errors}
        message={message}
        busy={false}
        onChange={onChange}
        onSubmit={onSubmit}
        headingLevel={2}
      />
    </div>
  );
}
