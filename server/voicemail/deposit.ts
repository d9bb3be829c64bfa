/** The embedded voicemail endpoint as the server configures it (off with VOICEMAIL_DEPOSIT=off). */
import type { Logger } from '../log';
import { DepositAgent } from './deposit-agent';
import type { VoicemailOptions } from './options';
import type { VoicemailStore } from './store';
import { DEFAULT_GREETING, encodeOpusPackets, synthesize } from './tone';

let greeting: Buffer[] | undefined;

/** The default greeting's Opus packets, encoded once per process on first use. */
export function defaultGreeting(): readonly Buffer[] {
  greeting ??= encodeOpusPackets(synthesize(DEFAULT_GREETING));
  return greeting;
}

export function createDepositAgent(
  options: VoicemailOptions & { sipDomain: string },
  store: VoicemailStore,
  log: Logger,
): DepositAgent | undefined {
  if (!options.voicemailDeposit) return undefined;
  return new DepositAgent({
    domain: options.sipDomain,
    store,
    greeting: defaultGreeting,
    maxMs: options.voicemailMaxMs,
    noAnswerMs: () => options.voicemailNoAnswerMs,
    log,
  });
}
