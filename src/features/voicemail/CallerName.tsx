/**
 * The caller's name as the Voicemail tab shows it. One small component so the contacts resolver
 * (contact name when the number or SIP user matches) can be wired here without touching the list.
 */
export function CallerName({ caller, callerName }: { caller: string; callerName: string }) {
  const name = callerName.trim();
  if (!name || name === caller) return <span className="vm-caller-name">{caller}</span>;
  return (
    <>
      <span className="vm-caller-name">{name}</span> <span className="vm-caller-number">{caller}</span>
    </>
  );
}
