/** The embedded voicemail endpoint as the server configures it (off with VOICEMAIL_DEPOSIT=off). */
import type { Logger } from '../log';
import { DepositAgent } from './deposit-agent';
import type { HistoryCopyHandler } from '../chat/kamailio-history';
import { startSipTcpListener, type SipTcpListener } from './sip-tcp-listener';
import type { KamailioMwiOptions } from './mwi-kamailio';
import type { VoicemailOptions } from './options';
import type { VoicemailSettingsStore } from './settings-store';
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
  settings: VoicemailSettingsStore,
  log: Logger,
): DepositAgent | undefined {
  if (!options.voicemailDeposit) return undefined;
  return new DepositAgent({
    domain: options.sipDomain,
    store,
    // Per account (Settings → Voicemail), read on every call so a change applies to the next one.
    greeting: (callee) => settings.greeting(callee) ?? defaultGreeting(),
    maxMs: options.voicemailMaxMs,
    noAnswerMs: (callee) => {
      const own = settings.get(callee).noAnswerS;
      return own === null ? options.voicemailNoAnswerMs : own * 1000;
    },
    enabled: (callee) => settings.get(callee).enabled,
    log,
  });
}

/**
 * Kamailio mode (SIP_SERVER=external): the server runs no proxy, so the agent gets its own SIP/TCP
 * listener on loopback for Kamailio's failure_route, MWI subscriptions and copies of chat messages for the
 * history (none without an agent or with VOICEMAIL_SIP_LISTEN=off).
 */
export async function startKamailioDeposit(
  options: VoicemailOptions & { sipServer: string },
  agent: DepositAgent | undefined,
  accountExists: (user: string) => boolean,
  log: Logger,
  mwi?: KamailioMwiOptions,
  history?: HistoryCopyHandler,
): Promise<SipTcpListener | undefined> {
  if (options.sipServer !== 'external' || !agent || options.voicemailSipListen === 'off') return undefined;
  return startSipTcpListener({ agent, listen: options.voicemailSipListen, accountExists, log, mwi, history });
}

/** What Kamailio is told about a user's ring time (X-Openline-No-Answer on MWI NOTIFYs). */
export function kamailioNoAnswer(settings: VoicemailSettingsStore, user: string): 'off' | 'default' | number {
  const own = settings.get(user);
  if (!own.enabled) return 'off';
  return own.noAnswerS === null ? 'default' : own.noAnswerS * 1000;
}
