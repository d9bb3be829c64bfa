/**
 * The host's commands, carried out through the app's existing stores and bridge (no call logic of its
 * own): makeCall dials like the Dialpad, hangup ends the call like the in-call button, sendWebcallLink
 * creates the customer's link like the Agent tab's webcall panel. Failures come back as EmbedError.
 */
import { DialNumber, type Command, type EmbedError } from './protocol';

export interface LiveCall {
  id: string;
}

export interface CommandDeps {
  registered(): boolean;
  /** The signed-in user's role as the server said it; null while unknown. */
  role(): string | null;
  /** Calls that have not ended (ringing in, dialling, ringing, active), oldest first. */
  liveCalls(): LiveCall[];
  /** The phone bridge's dial; null when it failed (the reason is in `lastCallError`). */
  dial(number: string): Promise<string | null>;
  lastCallError(): string | null;
  hangup(callId: string): Promise<void>;
  /** The Agent tab's webcall link, created for this ticket and customer name. */
  createWebcallLink(ticket: string, name: string): Promise<{ url: string; expiresAt: number }>;
}

export class CommandError extends Error {
  constructor(
    readonly code: EmbedError['code'],
    message: string,
  ) {
    super(message);
  }
}

const AGENT_ROLES = new Set(['agent', 'admin']);

export async function runCommand(command: Command, deps: CommandDeps): Promise<unknown> {
  switch (command.command) {
    case 'makeCall': {
      const number = DialNumber.safeParse(command.number);
      if (!number.success) {
        throw new CommandError('invalid_number', `Not a number Openline can dial: "${command.number}".`);
      }
      if (!deps.registered()) throw new CommandError('not_signed_in', 'Sign in to Openline first.');
      if (deps.liveCalls().length > 0) throw new CommandError('busy', 'A call is already in progress.');
      const callId = await deps.dial(number.data);
      if (!callId) throw new CommandError('failed', deps.lastCallError() ?? 'The call could not start.');
      return { callId };
    }
    case 'hangup': {
      const calls = deps.liveCalls();
      const call = calls[calls.length - 1];
      if (!call) throw new CommandError('no_call', 'There is no call to hang up.');
      await deps.hangup(call.id);
      return { callId: call.id };
    }
    case 'sendWebcallLink': {
      if (!deps.registered()) throw new CommandError('not_signed_in', 'Sign in to Openline first.');
      const role = deps.role();
      if (!role || !AGENT_ROLES.has(role)) {
        throw new CommandError('forbidden', 'Only agents can send webcall links.');
      }
      if (!command.name) throw new CommandError('bad_request', "Give the customer's name.");
      try {
        return await deps.createWebcallLink(command.ticket, command.name);
      } catch (error) {
        throw new CommandError('failed', error instanceof Error ? error.message : String(error));
      }
    }
  }
}
