import { useId } from 'react';

/**
 * Openline's logo (public/icons/icon.svg) drawn inline, decorative. As an `<img>` of an SVG file, Chrome
 * builds a separate SVG document for it on the page's main thread: 13–50 ms in a join page's load
 * (docs/performance.md, session 28), for a 28 px picture.
 */
export function OpenlineLogo({ className }: { className?: string }) {
  // The gradient's id is unique per drawing: two logos on one page must not share one.
  const gradient = `openline-logo-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <svg
      className={className}
      viewBox="0 0 100 100"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#1a73e8" />
          <stop offset="1" stopColor="#0b4ab8" />
        </linearGradient>
      </defs>
      <rect width="100" height="100" rx="22" fill={`url(#${gradient})`} />
      <g transform="translate(19 19) scale(0.62)" fill="none" stroke="#fff" strokeLinecap="round">
        <path d="M15.8 54.9A36 36 0 0 1 84.2 54.9" strokeWidth="14" />
        <line x1="15.8" y1="54.9" x2="15.8" y2="67.9" strokeWidth="23" />
        <line x1="84.2" y1="54.9" x2="84.2" y2="67.9" strokeWidth="23" />
      </g>
    </svg>
  );
}
