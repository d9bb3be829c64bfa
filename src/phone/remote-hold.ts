/**
 * Whether the far side holds a call, read from the negotiated media direction: a held party's answer
 * to a hold offer (`sendonly`/`inactive`, RFC 3264 §8.4, RFC 6337) makes its own audio `recvonly` or
 * `inactive`. Our own hold is the call's `held` flag; this covers the other side's, so the no-audio
 * alarm does not tell a held user to check their connection.
 */
export interface TransceiverLike {
  readonly currentDirection: RTCRtpTransceiverDirection | null;
  readonly receiver: { readonly track: { readonly kind: string } };
}

export function heldByRemote(transceivers: readonly TransceiverLike[]): boolean {
  const audio = transceivers.find((t) => t.receiver.track.kind === 'audio');
  return audio?.currentDirection === 'recvonly' || audio?.currentDirection === 'inactive';
}
