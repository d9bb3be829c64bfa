import { peerUser } from '../../lib/chat-peer';
import { useCallerName } from '../../stores/caller-name-instance';

/** A conversation peer's name: the contact's (or directory's), else the name their messages carried, else the address. */
export function usePeerName(peer: string, carriedName: string): string {
  const user = peerUser(peer);
  const name = useCallerName({ remoteUser: user, remoteDisplayName: carriedName.trim() || null }).name.trim();
  return name || user;
}
