/**
 * The part of the `sendbird-calls` SDK surface the Sendbird adapter uses, as structural types: the
 * real module satisfies them (checked where it is loaded) and tests pass a fake with the same shape.
 */
export interface SbUser {
  readonly userId: string;
  readonly nickname: string;
}

export interface SbParticipant {
  readonly participantId: string;
  readonly user: SbUser;
  readonly isAudioEnabled: boolean;
  readonly isVideoEnabled: boolean;
  setMediaView(mediaView: HTMLMediaElement): Promise<void>;
}

export interface SbLocalParticipant extends SbParticipant {
  setLocalMediaView(mediaView: HTMLMediaElement): Promise<void>;
  muteMicrophone(): void;
  unmuteMicrophone(): void;
  stopVideo(): void;
  startVideo(): void;
}

/** Room events the adapter listens to, with their arguments. */
export interface SbRoomEventArgs {
  remoteParticipantEntered: [SbParticipant];
  remoteParticipantStreamStarted: [SbParticipant];
  remoteParticipantExited: [SbParticipant];
  localParticipantDisconnected: [SbLocalParticipant];
  localParticipantReconnected: [SbLocalParticipant];
  deleted: [];
  error: [Error, SbParticipant?];
}
export type SbRoomEvent = keyof SbRoomEventArgs;

export interface SbRoom {
  readonly roomId: string;
  readonly localParticipant: SbLocalParticipant;
  readonly remoteParticipants: SbParticipant[];
  enter(params: { audioEnabled: boolean; videoEnabled: boolean; kickSiblings?: boolean }): Promise<void>;
  exit(): void;
  addEventListener(type: 'remoteParticipantEntered', cb: (p: SbParticipant) => void): void;
  addEventListener(type: 'remoteParticipantStreamStarted', cb: (p: SbParticipant) => void): void;
  addEventListener(type: 'remoteParticipantExited', cb: (p: SbParticipant) => void): void;
  addEventListener(type: 'localParticipantDisconnected', cb: (p: SbLocalParticipant) => void): void;
  addEventListener(type: 'localParticipantReconnected', cb: (p: SbLocalParticipant) => void): void;
  addEventListener(type: 'deleted', cb: () => void): void;
  addEventListener(type: 'error', cb: (e: Error, p?: SbParticipant) => void): void;
  removeAllEventListeners(): void;
}

export interface SendbirdSdk {
  /** Throws a plain string (not an Error) without WebRTC or on an insecure origin. */
  init(appId: string): void;
  authenticate(option: { userId: string; accessToken?: string }): Promise<SbUser>;
  connectWebSocket(): Promise<void>;
  fetchRoomById(roomId: string): Promise<SbRoom>;
  deauthenticate(): void;
}
