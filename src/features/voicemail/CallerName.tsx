import { useCallerName } from '../../stores/caller-name-instance';

/**
 * The caller's name as the Voicemail tab shows it: the contact's (or directory's) name when the number or
 * SIP user matches, else the name the message carried, with the number beside it.
 */
export function CallerName({ caller, callerName }: { caller: string; callerName: string }) {
  const name = useCallerName({
    remoteUser: caller,
    remoteDisplayName: callerName.trim() || null,
  }).name.trim();
  if (!name || name === caller) return <bdi className="vm-caller-name">{caller}</bdi>;
  return (
    <>
      <bdi className="vm-caller-name">{name}</bdi> <bdi className="vm-caller-number">{caller}</bdi>
    </>
  );
}
