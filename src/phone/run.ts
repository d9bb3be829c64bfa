/**
 * One signed-in session of the engine: the UserAgent built from a config, its Registration,
 * the BYEs waiting for the connection to come back, and the page's ability to alert.
 */
import { Alerting } from './alerting';
import { ByeQueue } from './bye-queue';
import type { CallContext } from './call';
import { DEFAULT_REGISTER_EXPIRES_S, userAgentOptions } from './config';
import { URI, type Session } from 'sip.js';
import type { MessageSummary } from './message-summary';
import { MessageWaiting, MWI_EVENT, MWI_EXPIRES_S } from './mwi';
import type { EngineDeps, InvitationLike, MessageLike, UserAgentDelegateLike, UserAgentLike } from './ports';
import { refreshFrequency, Registration } from './registration';
import { HostNetworks } from './host-networks';
import { AnswerPreparer } from './prepared-answer';
import { browserMediaGranted, OfferPreparer } from './prepared-offer';
import { withDefaultDeviceFallback } from './devices';
import { createSessionDescriptionHandlerFactory } from './sdh';
import { pageDtlsCertificate } from './dtls-certificate';
import { RegistrationState, type PhoneConfig, type PhoneWarning, type RegistrationError } from './types';

export interface Run {
  /** Replaced (never mutated) by updatePreferences(); calls read it when they need it. */
  config: PhoneConfig;
  readonly userAgent: UserAgentLike;
  readonly registration: Registration;
  readonly context: CallContext;
  readonly byes: ByeQueue;
  readonly alerting: Alerting;
  /** MWI subscription, started once registered (null when the deps cannot subscribe). */
  readonly mwi: MessageWaiting | null;
  /** Answers prepared while incoming calls ring (prepared-answer.ts). */
  readonly answers: AnswerPreparer;
  /** An audio call's offer prepared before the Call click (prepared-offer.ts). */
  readonly offers: OfferPreparer;
  /** The network changed while the SIP connection was down: restart ICE once registered. */
  iceRestartPending: boolean;
  stopping: boolean;
}

/** What the engine does with a run's events; each is given the run it came from. */
export interface RunHooks {
  /** Whether `run` is still the engine's current run (events from older ones are dropped). */
  current(run: Run): boolean;
  invite(run: Run | null, invitation: InvitationLike): void;
  /** An out-of-dialog MESSAGE (chat). */
  message(run: Run | null, message: MessageLike): void;
  registration(run: Run, state: RegistrationState, error: RegistrationError | null): void;
  warning(warning: PhoneWarning): void;
  messageSummary(summary: MessageSummary): void;
  callContext(config: () => PhoneConfig, transportUp: () => boolean, byes: ByeQueue): CallContext;
}

/** Builds a run for a validated config; throws (with a message for the UI) when sip.js refuses it. */
export function createRun(deps: EngineDeps, config: PhoneConfig, hooks: RunHooks): Run {
  // The delegate reaches `run` lazily: events from a previous UserAgent are ignored.
  let run: Run | null = null;
  const delegate: UserAgentDelegateLike = {
    onDisconnect: (error) => {
      if (run && hooks.current(run)) run.registration.onDisconnect(error);
    },
    onInvite: (invitation) => hooks.invite(run, invitation),
    onMessage: (message) => hooks.message(run, message),
  };
  const hostNetworks = new HostNetworks(deps);
  // Speed (issue 10): the first offer/answer of a call no longer waits for a new key pair. Made once
  // registered (below), not here: its synchronous part (~4 ms in a reload's profile) came before the REGISTER.
  const certificate = pageDtlsCertificate(deps);
  // Devices (issue 11): a chosen device unplugged just before a call opens the default one instead.
  const makeSdh = createSessionDescriptionHandlerFactory({
    getUserMedia: withDefaultDeviceFallback(deps.getUserMedia),
    clock: deps,
    iceSurvey: (iceServers) => hostNetworks.surveyFor(iceServers),
    certificate: () => certificate.current(),
  });
  const answers = new AnswerPreparer(makeSdh, deps.logger);
  const offers = new OfferPreparer(makeSdh, {
    clock: deps,
    logger: deps.logger,
    mediaGranted: deps.mediaGranted ?? browserMediaGranted,
    // sip.js's SDH takes its logger from the session's UserAgent.
    session: () => ({ userAgent }) as unknown as Session,
  });
  const userAgent = deps.createUserAgent(
    userAgentOptions(
      config,
      delegate,
      (session, options) => offers.take(session) ?? answers.factory(session, options),
    ),
  );
  const registration = new Registration({
    userAgent,
    createRegisterer: () =>
      deps.createRegisterer(userAgent, {
        expires: config.registerExpires ?? DEFAULT_REGISTER_EXPIRES_S,
        refreshFrequency: refreshFrequency(deps.random()),
        logConfiguration: false,
      }),
    clock: deps,
    random: () => deps.random(),
    window: deps.window,
    page: deps.page,
    probe: deps.probe,
    logger: deps.logger,
    serverUrl: config.wsUrl.trim(),
    onChange: (state, error) => {
      // Warm-ups off the call path, once registered: the DTLS key pair, and the host networks for the ICE
      // policy. A call placed before then has the browser make its own key pair, as without the warm-up.
      if (state === RegistrationState.Registered) {
        certificate.warm();
        void hostNetworks.learn(run?.config.iceServers ?? config.iceServers);
      }
      if (run && hooks.current(run)) hooks.registration(run, state, error);
    },
  });
  const byes = new ByeQueue({
    clock: deps,
    logger: deps.logger,
    onGiveUp: (callId, message) => hooks.warning({ kind: 'hangup-undelivered', callId, message }),
  });
  const context = hooks.callContext(
    () => run?.config ?? config,
    () => userAgent.isConnected(),
    byes,
  );
  const alerting = new Alerting(deps.page, () => deps.notificationPermission());
  const subscribe = deps.createSubscriber;
  const ownAor = new URI('sip', config.username.trim(), config.domain.trim());
  const mwi = subscribe
    ? new MessageWaiting({
        create: () => subscribe(userAgent, ownAor, MWI_EVENT, { expires: MWI_EXPIRES_S }),
        onSummary: (summary) => {
          if (run && hooks.current(run)) hooks.messageSummary(summary);
        },
        logger: deps.logger,
      })
    : null;
  run = {
    config,
    userAgent,
    registration,
    context,
    byes,
    alerting,
    mwi,
    answers,
    offers,
    iceRestartPending: false,
    stopping: false,
  };
  return run;
}
