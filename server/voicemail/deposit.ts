/** The embedded voicemail endpoint as the server configures it (off with VOICEMAIL_DEPOSIT=off). */
import type { Logger } from '../log';
import { DepositAgent } from './deposit-agent';
import { startSipTcpListener, type SipTcpListener } from './sip-tcp-listener';
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

/**
 * Kamailio mode (SIP_SERVER=external): the server runs no proxy, so the agent gets its own SIP/TCP
 * listener on loopback for Kamailio's failure_route (none without an agent or with VOICEMAIL_SIP_LISTEN=off).
 */
export async function startKamailioDeposit(
  options: VoicemailOptions & { sipServer: string },
  agent: DepositAgent | undefined,
  accountExists: (user: string) => boolean,
  log: Logger,
): Promise<SipTcpListener | undefined> {
  if (options.sipServer !== 'external' || !agent || options.voicemailSipListen === 'off') return undefined;
  return startSipTcpListener({ agent, listen: options.voicemailSipListen, accountExists, log });
}
