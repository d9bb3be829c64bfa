/**
 * The one icon set: 24×24 drawings, decorative (`aria-hidden`): every control that shows one carries
 * a text label or an `aria-label`. Each drawing is either stroked (outline) or filled.
 */
interface Drawing {
  d: string;
  fill?: boolean;
  /** Dot grids (dialpad, keypad) use a heavier stroke so the dots read at small sizes. */
  strokeWidth?: number;
  /** Points a direction (erase backwards, hand on): mirrored right to left (docs/i18n.md). */
  mirror?: boolean;
}

const DOTS = 3;

const DRAWINGS = {
  // Tabs
  dialpad: {
    d: 'M6 4.5h.01M12 4.5h.01M18 4.5h.01M6 10h.01M12 10h.01M18 10h.01M6 15.5h.01M12 15.5h.01M18 15.5h.01M12 21h.01',
    strokeWidth: DOTS,
  },
  history: { d: 'M3 12a9 9 0 1 0 3-6.7L3 8m0-5v5h5m4-1v5l3.5 2' },
  contacts: {
    d: 'M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 19v-1a4 4 0 0 0-3-3.9M15.5 3.1a3.5 3.5 0 0 1 0 6.8',
  },
  voicemail: {
    d: 'M6 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm12 0a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM6 15.5h12',
  },
  messages: { d: 'M4 5h16v11H9l-5 4V5Zm4 5h.01M12 10h.01M16 10h.01' },
  agent: {
    d: 'M4 13v-1a8 8 0 0 1 16 0v1M4 13a2 2 0 0 1 2-2h1v6H6a2 2 0 0 1-2-2v-2Zm16 0a2 2 0 0 0-2-2h-1v6h1a2 2 0 0 0 2-2v-2Zm-3 4v1a3 3 0 0 1-3 3h-2',
  },
  settings: {
    d: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.07-.4.1-.8.1-1.2Z',
  },
  // Admin: a shield.
  admin: { d: 'M12 3 4 6v6c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V6l-8-3Zm-3 9 2 2 4-4' },
  // Calls
  phone: {
    d: 'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1l-2.2 2.2Z',
    fill: true,
  },
  'phone-incoming': {
    d: 'M20 4 14 10m0-5v5h5M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2 4.6 1V20A17 17 0 0 1 3 4h4.2l1 4.6-1.6 2.2Z',
  },
  'phone-off': {
    d: 'M3 3l18 18M8.4 12.6A15 15 0 0 1 6.6 10.8l2.3-2.2L7.9 4H4a17 17 0 0 0 4.9 11.1M12 16.3a15 15 0 0 0 1.2 1.1l2.2-2.2 4.6 1V20a17 17 0 0 1-5.8-1.6',
  },
  hangup: {
    d: 'M3.5 14.5c4.7-4.6 12.3-4.6 17 0l-2.1 2.1a1 1 0 0 1-1.2.15l-2.4-1.4a1 1 0 0 1-.5-.9V12.6a12 12 0 0 0-4.6 0v1.85a1 1 0 0 1-.5.9l-2.4 1.4a1 1 0 0 1-1.2-.15L3.5 14.5Z',
    fill: true,
  },
  // A webcall room: a camera with a link under it (rooms start from a link, not a number).
  'webcall-room': {
    d: 'M3 6a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6Zm12 2 4-2.5v7L15 10M8 20h3m2 0h3m-5-3h-1.5a1.5 1.5 0 0 0 0 3M13 17h1.5a1.5 1.5 0 0 1 0 3',
  },
  'video-call': {
    d: 'M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm14 3 4-3v10l-4-3v-4Z',
    fill: true,
  },
  mic: { d: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Zm-7 9a7 7 0 0 0 14 0M12 19v3' },
  'mic-off': {
    d: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Zm-7 9a7 7 0 0 0 14 0M12 19v3M3 3l18 18',
  },
  camera: { d: 'M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm13 3 5-3v10l-5-3' },
  'camera-off': {
    d: 'M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm13 3 5-3v10l-5-3M2 2l20 20',
  },
  hold: { d: 'M8 5v14M16 5v14' },
  transfer: { d: 'M3 12h14m-5-5 5 5-5 5M21 5v14', mirror: true },
  // The call view: minimise to the call bar, expand back; the keyboard-shortcut help.
  minimise: { d: 'M6 9l6 6 6-6' },
  expand: { d: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5' },
  keyboard: {
    d: 'M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm4 2h.01M11 9h.01M15 9h.01M7 13h.01M17 9h.01M17 13h.01M8 16h8',
  },
  keypad: {
    d: 'M6 5h.01M12 5h.01M18 5h.01M6 11h.01M12 11h.01M18 11h.01M6 17h.01M12 17h.01M18 17h.01M12 22h.01',
    strokeWidth: DOTS,
  },
  backspace: { d: 'M9 5h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-6-7 6-7Zm3 4 6 6m0-6-6 6', mirror: true },
  person: {
    d: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z',
    fill: true,
  },
  // General
  search: {
    d: 'M10 4a6 6 0 1 0 3.7 10.7l4.8 4.8 1.4-1.4-4.8-4.8A6 6 0 0 0 10 4Zm0 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8Z',
    fill: true,
  },
  check: { d: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z', fill: true },
  star: {
    d: 'M12 17.3 18.2 21l-1.6-7L22 9.2l-7.2-.6L12 2 9.2 8.6 2 9.2 7.5 14l-1.7 7L12 17.3Z',
    fill: true,
  },
  'arrow-up': { d: 'M12 4 5 11l1.4 1.4L11 7.8V20h2V7.8l4.6 4.6L19 11l-7-7Z', fill: true },
  paperclip: {
    d: 'M21.4 11.1 12.2 20.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5',
  },
  doc: { d: 'M6 2h8l6 6v14H6V2Zm7 1.5V9h5.5L13 3.5ZM8 12v2h10v-2H8Zm0 4v2h10v-2H8Z', fill: true },
  info: { d: 'M11 7h2v2h-2V7Zm0 4h2v6h-2v-6Zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z', fill: true },
} satisfies Record<string, Drawing>;

export type IconName = keyof typeof DRAWINGS;

/** Every drawing's name (the Admin button builder offers these). */
export const ICON_NAMES = Object.keys(DRAWINGS) as IconName[];

export function isIconName(name: string): name is IconName {
  return Object.hasOwn(DRAWINGS, name);
}

interface IconProps {
  name: IconName;
  className?: string;
}

export function Icon({ name, className }: IconProps) {
  const drawing: Drawing = DRAWINGS[name];
  const classes = [className, drawing.mirror && 'icon-mirror'].filter(Boolean).join(' ') || undefined;
  return (
    <svg className={classes} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={drawing.d}
        fill={drawing.fill ? 'currentColor' : 'none'}
        stroke={drawing.fill ? 'none' : 'currentColor'}
        strokeWidth={drawing.fill ? undefined : (drawing.strokeWidth ?? 2)}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
