/**
 * Calls where no audio from the far side is expected, so the no-audio alarm must not tell the user to
 * check their connection (our own hold is the call's `held` flag):
 * - the far side holds the call, read from the negotiated media direction: a held party's answer to a
 *   hold offer (`sendonly`/`inactive`, RFC 3264 §8.4, RFC 6337) makes its own audio `recvonly` or
 *   `inactive`;
 * - a voicemail endpoint answered (its Contact user is `voicemail`, as the reference server's deposit
 *   agent sends): after the greeting it only listens.
 */
export interface TransceiverLike {
  readonly currentDirection: RTCRtpTransceiverDirection | null;
  readonly receiver: { readonly track: { readonly kind: string } };
}

export function heldByRemote(transceivers: readonly TransceiverLike[]): boolean {
  const audio = transceivers.find((t) => t.receiver.track.kind === 'audio');
  return audio?.currentDirection === 'recvonly' || audio?.currentDirection === 'inactive';
}

/** The voicemail deposit agent answers with `Contact: <sip:voicemail@…>` (server/voicemail/deposit-agent.ts). */
export function answeredByVoicemail(remoteTarget: { readonly user?: string } | undefined): boolean {
  return remoteTarget?.user?.toLowerCase() === 'voicemail';
}
