/** Small stroke icons for the call controls (decorative: buttons carry text labels). */
const PATHS = {
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Zm-7 9a7 7 0 0 0 14 0M12 19v3',
  micOff: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Zm-7 9a7 7 0 0 0 14 0M12 19v3M3 3l18 18',
  camera: 'M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm13 3 5-3v10l-5-3',
  cameraOff:
    'M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm13 3 5-3v10l-5-3M2 2l20 20',
  hold: 'M8 5v14M16 5v14',
  keypad: 'M6 5h.01M12 5h.01M18 5h.01M6 11h.01M12 11h.01M18 11h.01M6 17h.01M12 17h.01M18 17h.01M12 22h.01',
  hangup:
    'M3.5 14.5c4.7-4.6 12.3-4.6 17 0l-2.1 2.1a1 1 0 0 1-1.2.15l-2.4-1.4a1 1 0 0 1-.5-.9V12.6a12 12 0 0 0-4.6 0v1.85a1 1 0 0 1-.5.9l-2.4 1.4a1 1 0 0 1-1.2-.15L3.5 14.5Z',
  phone:
    'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1l-2.2 2.2Z',
} as const;

export type CallIconName = keyof typeof PATHS;

const FILLED: ReadonlySet<CallIconName> = new Set<CallIconName>(['hangup', 'phone']);

export function CallIcon({ name }: { name: CallIconName }) {
  const filled = FILLED.has(name);
  return (
    <svg className="call-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth={name === 'keypad' ? 3 : 2}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
