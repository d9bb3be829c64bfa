/** What a conversation's messages and unsent messages look like in a {@link ChatThread}. */
import type { ChatProblem } from '../../api/webcall-chat';
import type { ThreadFile, ThreadMessage } from './ChatThread';

interface Sent {
  id: number;
  sender: 'guest' | 'agent';
  clientId: string;
  text: string;
  at: number;
  file?: ThreadFile;
}
interface Unsent {
  clientId: string;
  text: string;
  error: ChatProblem | null;
  file?: ThreadFile;
}

export function threadMessages(
  me: 'guest' | 'agent',
  messages: readonly Sent[],
  pending: readonly Unsent[],
  /** The two sides' names, and the word for the viewer's own messages ("You", translated by the caller). */
  names: { guest: string; agent: string; you: string },
): ThreadMessage[] {
  const label = (sender: 'guest' | 'agent') => (sender === me ? names.you : names[sender]);
  return [
    ...messages.map((m): ThreadMessage => ({
      key: `m${m.id}`,
      mine: m.sender === me,
      who: label(m.sender),
      text: m.text,
      at: m.at,
      state: 'sent',
      ...(m.file ? { file: m.file } : {}),
    })),
    ...pending.map((p): ThreadMessage => ({
      key: p.clientId,
      mine: true,
      who: names.you,
      text: p.text,
      at: null,
      state: p.error === null ? 'sending' : { error: p.error },
      ...(p.file ? { file: p.file } : {}),
    })),
  ];
}
