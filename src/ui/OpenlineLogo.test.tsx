import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenlineLogo } from './OpenlineLogo';

afterEach(cleanup);

describe('OpenlineLogo', () => {
  it('is hidden from assistive technology and keyboard focus', () => {
    const { container } = render(<OpenlineLogo className="app-logo" />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.getAttribute('focusable')).toBe('false');
    expect(svg.getAttribute('class')).toBe('app-logo');
  });

  it('gives each drawing its own gradient, referenced by a valid id', () => {
    const { container } = render(
      <>
        <OpenlineLogo />
        <OpenlineLogo />
      </>,
    );
    const ids = [...container.querySelectorAll('linearGradient')].map((g) => g.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^openline-logo-[A-Za-z0-9_-]+$/);
    const fills = [...container.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toEqual(ids.map((id) => `url(#${id})`));
  });
});
