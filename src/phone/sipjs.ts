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
import { EarlySocketTransport } from './early-socket';
import { filterTransport, PreemptiveDigest, storedChallenges } from './preemptive-digest';
import { webSocketProbe } from './probe';

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
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
      // The first connect adopts the SIP WebSocket that index.html opened early, when there is one.
      const userAgent = new UserAgent({
        ...options,
        delegate,
        transportConstructor: EarlySocketTransport,
      });
      // Issue 10: a REGISTER answers the nonce its last accepted one did, instead of waiting for a 401.
      const server = String((options.transportOptions as { server?: unknown } | undefined)?.server ?? '');
      filterTransport(
        userAgent.transport,
        new PreemptiveDigest({
          // Read at each REGISTER: ephemeral credentials are replaced on the live configuration.
          account: () => {
            const { authorizationUsername: username, authorizationPassword: password } =
              userAgent.configuration;
            return username && password && server ? { username, password, server } : null;
          },
          store: storedChallenges(pageStorage('local')),
          now: () => Date.now(),
          cnonce: randomHex,
        }),
      );
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
