/**
 * An example operator script (issue 13). Copy it to `$DATA_DIR/scripts/order-status.ts`, restart the
 * server, and any agent button or form whose `sandbox_id` is `order-status` runs it.
 *
 * The script gets the signed-in agent, what the app said about the current call, and the submitted form
 * values; it answers with the actions namespace `__` (docs/operator.md § Server scripts): here it fills
 * the form's `notes` field, or refuses with a message the agent sees.
 *
 * It is self-contained on purpose (no imports from Openline's source), so it keeps working wherever it is
 * copied. It may be async: the server waits up to 10 s, then tells the agent the script did not answer.
 */
interface ScriptInput {
  user: { username: string };
  context: { call?: { remote: string; direction: 'incoming' | 'outgoing'; state: string } };
  data: Readonly<Record<string, string | number | boolean | null>>;
}

interface Actions {
  __: {
    formData?: Record<string, string>;
    action?: { name: string; params?: string[] };
  };
}

/** A stand-in for the operator's order system. */
const ORDERS: Record<string, string> = { '1003': 'Order 4411: shipped on 1 December' };

export default async function orderStatus({ user, context, data }: ScriptInput): Promise<Actions> {
  const caller = context.call?.remote ?? String(data.phone ?? '');
  const status = ORDERS[caller] ?? `No open order for ${caller || 'this caller'}`;
  return { __: { formData: { notes: `${status} (looked up by ${user.username})` } } };
}
