import {
  CallState,
  RegistrationState,
  type CallMedia,
  type CallOptions,
  type CallSnapshot,
  type ConferenceLeave,
  type ConferenceSnapshot,
  type CredentialsUpdate,
  type PhoneConfig,
  type LivePreferences,
  type PhoneEngine,
  type PhoneEvents,
  type PhoneWarning,
  type RegistrationError,
  type TransferStatus,
} from '../../phone/types';
import { FakeChat } from './fake-chat';

type Handlers = { [E in keyof PhoneEvents]: Set<PhoneEvents[E]> };

/** Stands in for the conference mix's MediaStream (jsdom has none). */
export const FAKE_MIX = Object.assign(new EventTarget(), {
  getTracks: () => [],
  getAudioTracks: () => [],
}) as unknown as MediaStream;

/**
 * A hand-written PhoneEngine for tests: records calls, emits events on demand. Like the real
 * engine it holds the other live calls before answering or resuming one.
 */
export class FakeEngine implements PhoneEngine {
  registrationState = RegistrationState.Unregistered;
  registrationError: RegistrationError | null = null;
  readonly log: string[] = [];
  lastConfig: PhoneConfig | null = null;
  preferences: Partial<LivePreferences>[] = [];
  /** What start() does; by default it registers. */
  onStart: (config: PhoneConfig) => void = () => this.setRegistration(RegistrationState.Registered, null);
  private handlers: Handlers = {
    registration: new Set(),
    incoming: new Set(),
    call: new Set(),
    media: new Set(),
    dtmf: new Set(),
    warning: new Set(),
    messageSummary: new Set(),
    transfer: new Set(),
    chatComposing: new Set(),
    chatReceipt: new Set(),
    conference: new Set(),
  };
  private calls = new Map<string, CallSnapshot>();
  private nextId = 1;

  on<E extends keyof PhoneEvents>(event: E, handler: PhoneEvents[E]): () => void {
    const set = this.handlers[event] as Set<PhoneEvents[E]>;
    set.add(handler);
    return () => set.delete(handler);
  }

  prepareCall(): void {
    this.log.push('prepare-call');
  }

  expectAnswer(sipCallId: string, untilMs: number): void {
    this.log.push(`expect-answer ${sipCallId} ${untilMs}`);
  }

  updatePreferences(preferences: Partial<LivePreferences>): void {
    this.preferences.push(preferences);
  }

  readonly credentialUpdates: CredentialsUpdate[] = [];
  updateCredentials(credentials: CredentialsUpdate): void {
    this.log.push(`credentials ${credentials.authorizationUsername ?? ''}`);
    this.credentialUpdates.push(credentials);
  }

  listenerCount(): number {
    return Object.values(this.handlers).reduce((n, set) => n + set.size, 0);
  }

  setRegistration(state: RegistrationState, error: RegistrationError | null) {
    this.registrationState = state;
    this.registrationError = error;
    for (const h of this.handlers.registration) h(state, error);
  }

  readonly chat = new FakeChat();

  emitChatComposing(...args: Parameters<PhoneEvents['chatComposing']>) {
    for (const h of this.handlers.chatComposing) h(...args);
  }

  emitChatReceipt(...args: Parameters<PhoneEvents['chatReceipt']>) {
    for (const h of this.handlers.chatReceipt) h(...args);
  }

  emitWarning(warning: PhoneWarning) {
    for (const h of this.handlers.warning) h(warning);
  }

  emitCall(call: CallSnapshot) {
    this.calls.set(call.id, call);
    if (call.state === CallState.Incoming && call.direction === 'incoming') {
      for (const h of this.handlers.incoming) h(call);
    }
    for (const h of this.handlers.call) h(call);
  }

  update(id: string, patch: Partial<CallSnapshot>) {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    this.emitCall({ ...call, ...patch });
  }

  emitMedia(callId: string, media: CallMedia) {
    for (const h of this.handlers.media) h(callId, media);
  }

  emitTransfer(status: TransferStatus) {
    for (const h of this.handlers.transfer) h(status);
  }

  emitDtmf(callId: string, tone: Parameters<PhoneEvents['dtmf']>[1]) {
    for (const h of this.handlers.dtmf) h(callId, tone);
  }

  async start(config: PhoneConfig) {
    this.log.push(`start ${config.username}`);
    this.lastConfig = config;
    this.setRegistration(RegistrationState.Registering, null);
    this.onStart(config);
  }
  async stop() {
    this.log.push('stop');
    this.setRegistration(RegistrationState.Unregistered, null);
  }
  async call(target: string, options: CallOptions) {
    this.log.push(`call ${target} video=${options.video}`);
    const id = `out-${this.nextId++}`;
    this.emitCall(
      makeCall({
        id,
        direction: 'outgoing',
        state: CallState.Dialing,
        remoteUser: target,
        video: options.video,
      }),
    );
    return id;
  }
  async answer(callId: string, options: { video: boolean }) {
    this.holdOthers(callId);
    this.log.push(`answer ${callId} video=${options.video}`);
    this.update(callId, { state: CallState.Connecting });
  }
  async decline(callId: string, status?: 486 | 603) {
    this.log.push(`decline ${callId} ${status ?? ''}`.trim());
    this.update(callId, { state: CallState.Ended, endReason: 'declined' });
  }
  async hangup(callId: string) {
    this.log.push(`hangup ${callId}`);
    this.update(callId, { state: CallState.Ended, endReason: 'local-hangup' });
  }
  setMuted(callId: string, muted: boolean) {
    this.log.push(`mute ${callId} ${muted}`);
    this.update(callId, { muted });
  }
  async setCameraOff(callId: string, off: boolean) {
    this.log.push(`camera ${callId} ${off}`);
    this.update(callId, { cameraOff: off });
  }
  async hold(callId: string) {
    this.log.push(`hold ${callId}`);
    this.update(callId, { held: true });
  }
  async resume(callId: string) {
    this.holdOthers(callId);
    this.log.push(`resume ${callId}`);
    this.update(callId, { held: false });
  }
  async sendDtmf(callId: string, tones: string) {
    this.log.push(`dtmf ${callId} ${tones}`);
  }
  /** Like the engine: the call goes on hold and a `transferring` status follows. */
  async transfer(callId: string, target: string) {
    this.log.push(`transfer ${callId} ${target}`);
    this.update(callId, { held: true });
    this.emitTransfer(transferStatus({ callId, target, kind: 'blind' }));
  }
  async completeTransfer(callId: string, consultCallId: string) {
    this.log.push(`complete-transfer ${callId} ${consultCallId}`);
    this.emitTransfer(transferStatus({ callId, consultCallId, target: 'consult', kind: 'attended' }));
  }
  /** A test holds merges here (between the resume and the mix) to see the UI while merging. */
  mergeGate: Promise<void> = Promise.resolve();
  /** Like the engine: both calls talk (resumed), mixed; events as the engine sends them. */
  async merge(callId: string, otherCallId: string) {
    this.log.push(`merge ${callId} ${otherCallId}`);
    for (const id of [callId, otherCallId]) this.update(id, { held: false });
    await this.mergeGate;
    this.emitConference({ callIds: [callId, otherCallId], muted: false, audio: FAKE_MIX });
  }
  async split(keepCallId: string) {
    this.log.push(`split ${keepCallId}`);
    for (const call of this.calls.values())
      if (call.id !== keepCallId && call.state === CallState.Active) this.update(call.id, { held: true });
    this.emitConference(null);
  }
  async leaveConference(how: ConferenceLeave) {
    this.log.push(`leave-conference ${how}`);
    this.emitConference(null);
  }
  emitConference(conference: ConferenceSnapshot | null) {
    for (const h of this.handlers.conference) h(conference);
  }
  private holdOthers(except: string) {
    for (const call of [...this.calls.values()]) {
      if (call.id === except || call.state !== CallState.Active || call.held) continue;
      this.log.push(`hold ${call.id}`);
      this.update(call.id, { held: true });
    }
  }
  getCalls() {
    return [...this.calls.values()];
  }
  getMedia(): CallMedia {
    return { local: null, remote: null };
  }
  readonly inputDevices: { kind: 'audio' | 'video'; deviceId: string | undefined }[] = [];
  useInputDevice(kind: 'audio' | 'video', deviceId: string | undefined): Promise<void> {
    this.inputDevices.push({ kind, deviceId });
    return Promise.resolve();
  }
  /** What getStats() answers, per call id (tests of call quality). */
  readonly stats = new Map<string, RTCStatsReport>();
  getStats(callId: string): Promise<RTCStatsReport | null> {
    return Promise.resolve(this.stats.get(callId) ?? null);
  }
  /** Calls where no audio is expected (held by the far side, voicemail): tests of the no-audio alarm. */
  readonly silent = new Set<string>();
  expectsNoAudio(callId: string): boolean {
    return this.silent.has(callId);
  }
}

export function makeCall(patch: Partial<CallSnapshot> & Pick<CallSnapshot, 'id'>): CallSnapshot {
  const remoteUser = patch.remoteUser ?? '1002';
  return {
    sipCallId: `${patch.id}@fake`,
    direction: 'outgoing',
    state: CallState.Dialing,
    remoteUri: `sip:${remoteUser}@openline.local`,
    remoteUser,
    remoteDisplayName: null,
    video: false,
    muted: false,
    cameraOff: false,
    held: false,
    createdAt: 1_000,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    endStatusCode: null,
    ...patch,
  };
}

export function transferStatus(
  patch: Partial<TransferStatus> & Pick<TransferStatus, 'callId'>,
): TransferStatus {
  return {
    kind: 'blind',
    consultCallId: null,
    target: 'sip:1003@openline.local',
    phase: 'transferring',
    progress: null,
    message: null,
    ...patch,
  };
}
