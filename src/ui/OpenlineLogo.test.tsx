import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenlineLogo } from './OpenlineLogo';
import iconSvg from '../../public/icons/icon.svg?raw';

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

  it('draws what public/icons/icon.svg draws (the manifest and favicons use that file)', () => {
    const file = new DOMParser().parseFromString(iconSvg, 'image/svg+xml').documentElement;
    const { container } = render(<OpenlineLogo />);
    const inline = container.querySelector('svg')!;
    // Every shape and stop with its attributes, less the gradient's id and the no-op rotation.
    const drawing = (svg: Element) =>
      [...svg.querySelectorAll('stop, rect, g, path, line')].map((el) => [
        el.tagName.toLowerCase(),
        ...[...el.attributes]
          .filter((a) => !['id', 'fill'].includes(a.name) || !/url\(#/.test(a.value))
          .filter((a) => a.name !== 'id')
          .map((a) => `${a.name}=${a.value.replace(/ rotate\(0 50 50\)/, '')}`)
          .sort(),
      ]);
    expect(drawing(inline)).toEqual(drawing(file));
    expect(inline.getAttribute('viewBox')).toBe(file.getAttribute('viewBox'));
  });
});
