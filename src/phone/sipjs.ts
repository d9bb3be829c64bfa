/**
 * Production dependencies: real sip.js objects and browser APIs. The assignments to
 * `…Like` types below are the compile-time proof that the engine's view of sip.js
 * (ports.ts) matches the library.
 */
import { Inviter, Messager, Registerer, Subscriber, UserAgent, type UserAgentDelegate } from 'sip.js';
import type {
  EngineDeps,
  EventTargetLike,
  InviterLike,
  MessagerLike,
  RegistererLike,
  SubscriberLike,
  UserAgentLike,
} from './ports';
import { pageStorage } from '../lib/page-storage';
import { claimIdentity, hex, markIdentity, watchRegistrations, type SipIdentity } from './boot-register';
import { OpenlineTransport } from './sip-transport';
import { filterTransport, PreemptiveDigest, storedChallenges } from './preemptive-digest';
import { webSocketProbe } from './probe';

const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));

/**
 * The identity is this page's until it goes away (then the tab's next page takes it) or its user agent
 * stops (then the next user agent of this page does).
 */
function holdIdentityWhileShown(tab: Storage, identity: SipIdentity, userAgent: UserAgent): void {
  const release = () => markIdentity(tab, identity, false);
  const reclaim = (event: PageTransitionEvent) => {
    if (event.persisted) markIdentity(tab, identity, true);
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', release);
    window.addEventListener('pageshow', reclaim);
  }
  const stop = userAgent.stop.bind(userAgent);
  userAgent.stop = () =>
    stop().finally(() => {
      release();
      if (typeof window === 'undefined') return;
      window.removeEventListener('pagehide', release);
      window.removeEventListener('pageshow', reclaim);
    });
}

function realUserAgent(userAgent: UserAgentLike): UserAgent {
  if (!(userAgent instanceof UserAgent)) throw new Error('Expected a sip.js UserAgent');
  return userAgent;
}

function browserGetUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!devices?.getUserMedia) {
    return Promise.reject(
      new Error('Microphone and camera need a secure (https) page in a supported browser'),
    );
  }
  return devices.getUserMedia(constraints);
}

/** `navigator.connection` (Network Information API; Chromium only). */
function networkConnection(): EventTargetLike | null {
  if (typeof navigator === 'undefined') return null;
  const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
  return connection ?? null;
}

export function defaultDeps(): EngineDeps {
  return {
    createUserAgent: (options) => {
      const delegate: UserAgentDelegate = options.delegate;
      const server = String((options.transportOptions as { server?: unknown } | undefined)?.server ?? '');
      // The tab's SIP identity, kept across reloads (boot-register.ts): the boot script's REGISTER binds it.
      const tab = pageStorage('session');
      const identity = claimIdentity(tab, `${String(options.uri ?? '')} ${server}`, randomBytes);
      // The first connect adopts the SIP WebSocket that index.html opened early, when there is one.
      const userAgent = new UserAgent({
        ...identity,
        ...options,
        delegate,
        transportConstructor: OpenlineTransport,
      });
      holdIdentityWhileShown(tab, identity, userAgent);
      // Issue 10: a REGISTER answers the nonce its last accepted one did, instead of waiting for a 401.
      const digest = new PreemptiveDigest({
        // Read at each REGISTER: ephemeral credentials are replaced on the live configuration.
        account: () => {
          const { authorizationUsername: username, authorizationPassword: password } =
            userAgent.configuration;
          return username && password && server ? { username, password, server } : null;
        },
        store: storedChallenges(pageStorage('local')),
        now: () => Date.now(),
        cnonce: () => hex(randomBytes(8)),
      });
      filterTransport(userAgent.transport, digest);
      watchRegistrations(userAgent.transport, { storage: tab, digest, url: server, identity });
      const like: UserAgentLike = userAgent;
      return like;
    },
    createRegisterer: (userAgent, options) => {
      const registerer: RegistererLike = new Registerer(realUserAgent(userAgent), options);
      return registerer;
    },
    createInviter: (userAgent, target, options) => {
      const inviter: InviterLike = new Inviter(realUserAgent(userAgent), target, options);
      return inviter;
    },
    createSubscriber: (userAgent, target, event, options) => {
      const subscriber: SubscriberLike = new Subscriber(realUserAgent(userAgent), target, event, options);
      return subscriber;
    },
    createMessager: (userAgent, target, content, contentType, options) => {
      const messager: MessagerLike = new Messager(
        realUserAgent(userAgent),
        target,
        content,
        contentType,
        options,
      );
      return messager;
    },
    getUserMedia: browserGetUserMedia,
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
    now: () => Date.now(),
    random: () => Math.random(),
    window: typeof window !== 'undefined' ? window : null,
    page: typeof document !== 'undefined' ? document : null,
    connection: networkConnection(),
    notificationPermission: () =>
      typeof Notification !== 'undefined' ? Notification.permission : 'unsupported',
    probe: webSocketProbe,
    logger: {
      warn: (message, ...details) => console.warn(`[phone] ${message}`, ...details),
      error: (message, ...details) => console.error(`[phone] ${message}`, ...details),
    },
    // Conference mixing (issue 11): made on Merge only, from the user's click.
    createAudioContext: () => new AudioContext(),
    streamOf: (tracks) => new MediaStream(tracks),
  };
}
