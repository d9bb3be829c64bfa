/**
 * Button icons by name. Server icon names (e.g. `phone`, `fa-phone`, `fas fa-search`, `mdi-mic`)
 * only select one of these built-in drawings: server text is never turned into markup.
 */
const PATHS: Record<string, string> = {
  search: 'M10 4a6 6 0 1 0 3.7 10.7l4.8 4.8 1.4-1.4-4.8-4.8A6 6 0 0 0 10 4Zm0 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8Z',
  phone:
    'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z',
  'phone-incoming':
    'M20 4 14 10m0-5v5h5M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2 4.6 1V20A17 17 0 0 1 3 4h4.2l1 4.6-1.6 2.2Z',
  'phone-off':
    'M3 3l18 18M8.4 12.6A15 15 0 0 1 6.6 10.8l2.3-2.2L7.9 4H4a17 17 0 0 0 4.9 11.1M12 16.3a15 15 0 0 0 1.2 1.1l2.2-2.2 4.6 1V20a17 17 0 0 1-5.8-1.6',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Zm-7 9a7 7 0 0 0 6 6.9V21h2v-2.1a7 7 0 0 0 6-6.9h-2a5 5 0 0 1-10 0H5Z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z',
  star: 'M12 17.3 18.2 21l-1.6-7L22 9.2l-7.2-.6L12 2 9.2 8.6 2 9.2 7.5 14l-1.7 7L12 17.3Z',
  'arrow-up': 'M12 4 5 11l1.4 1.4L11 7.8V20h2V7.8l4.6 4.6L19 11l-7-7Z',
  doc: 'M6 2h8l6 6v14H6V2Zm7 1.5V9h5.5L13 3.5ZM8 12v2h10v-2H8Zm0 4v2h10v-2H8Z',
  info: 'M11 7h2v2h-2V7Zm0 4h2v6h-2v-6Zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z',
};

const ALIASES: Record<string, string> = {
  'magnifying-glass': 'search',
  call: 'phone',
  'phone-alt': 'phone',
  'phone-slash': 'phone-off',
  'phone-hangup': 'phone-off',
  microphone: 'mic',
  'check-circle': 'check',
  'file-alt': 'doc',
  'file-text': 'doc',
  'arrow-circle-up': 'arrow-up',
  'info-circle': 'info',
};

/** `fas fa-phone-alt` → `phone-alt`; unknown names → null. */
export function iconName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const last = raw.trim().toLowerCase().split(/\s+/).pop() ?? '';
  const bare = last.replace(/^(?:fa[srlbd]?-|mdi-|bi-|icon-)/, '');
  const name = ALIASES[bare] ?? bare;
  return name in PATHS ? name : null;
}

export function ButtonIcon({ name }: { name: string | null | undefined }) {
  const key = iconName(name);
  if (!key) return null;
  const d = PATHS[key]!;
  const stroked = key === 'phone-off' || key === 'phone-incoming';
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={d}
        fill={stroked ? 'none' : 'currentColor'}
        stroke={stroked ? 'currentColor' : 'none'}
        strokeWidth={stroked ? 2 : 0}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
