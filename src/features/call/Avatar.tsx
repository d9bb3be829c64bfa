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
      {letter ? (
        initial.toUpperCase()
      ) : (
        <svg viewBox="0 0 24 24" className="call-avatar-icon" focusable="false">
          <path
            d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z"
            fill="currentColor"
          />
        </svg>
      )}
    </div>
  );
}
