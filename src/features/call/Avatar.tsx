import { Icon } from '../../ui/icons';

interface AvatarProps {
  name: string;
  className?: string;
}

/** The caller's initial, or a person silhouette when the name is a number. */
export function Avatar({ name, className = '' }: AvatarProps) {
  const initial = name.trim().charAt(0);
  const letter = /\p{L}/u.test(initial);
  return (
    <div className={`call-avatar ${className}`.trim()} aria-hidden="true">
      {letter ? initial.toUpperCase() : <Icon name="person" className="call-avatar-icon" />}
    </div>
  );
}
