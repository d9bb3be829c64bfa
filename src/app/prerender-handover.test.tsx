import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HeldStart } from '../lib/held-start';
import { renderOverPrerendered } from './prerender-handover';

/** A small form like the sign-in: controlled fields, a disclosure, a link and a submit button. */
function Form({
  onSubmit,
  onNavigate,
  savedName = '',
}: {
  onSubmit(values: string[]): void;
  onNavigate(): void;
  /** What the app filled in by the time it renders (saved settings read meanwhile). */
  savedName?: string;
}) {
  const [name, setName] = useState(savedName);
  const [domain, setDomain] = useState('');
  const [language, setLanguage] = useState('auto');
  const [remember, setRemember] = useState(false);
  return (
    <main id="main">
      <a
        href="/dialpad"
        onClick={(event) => {
          event.preventDefault();
          onNavigate();
        }}
      >
        <span>Dialpad</span>
      </a>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit([name, domain, language, String(remember)]);
        }}
      >
        <input id="name" value={name} onChange={(e) => setName(e.target.value)} />
        <input id="domain" value={domain} onChange={(e) => setDomain(e.target.value)} />
        <select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="auto">Automatic</option>
          <option value="es">Español</option>
        </select>
        <input
          id="remember"
          type="checkbox"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
        />
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

let root: Root | null = null;
afterEach(() => {
  root?.unmount();
  root = null;
  document.body.innerHTML = '';
  delete window.openlinePrerendered;
});

/** The page as index.html leaves it on a held start: the form's markup in #root, and the boot script's holder. */
function prerenderedPage(props: Parameters<typeof Form>[0]): { container: HTMLElement; held: HeldStart } {
  const container = document.createElement('div');
  container.id = 'root';
  container.innerHTML = `<div data-prerendered="">${renderToStaticMarkup(<Form {...props} />)}</div>`;
  document.body.append(container);
  const held: HeldStart = { events: [], holding: true };
  window.openlinePrerendered = held;
  const hold = (event: Event) => {
    if (!held.holding) return;
    event.preventDefault();
    held.events.push(event);
  };
  document.addEventListener('click', hold, true);
  document.addEventListener('submit', hold, true);
  return { container, held };
}

function takeOver(container: HTMLElement, props: Parameters<typeof Form>[0]) {
  renderOverPrerendered(container, () => {
    root = createRoot(container);
    flushSync(() => root?.render(<Form {...props} />));
  });
}

describe('renderOverPrerendered', () => {
  it('carries typed values, the focus and the caret over to the app, through its own change handlers', () => {
    const props = { onSubmit: vi.fn(), onNavigate: vi.fn() };
    const { container } = prerenderedPage(props);
    const name = container.querySelector<HTMLInputElement>('#name')!;
    name.value = 'ada';
    name.focus();
    name.setSelectionRange(1, 1);
    container.querySelector<HTMLSelectElement>('#language')!.value = 'es';
    container.querySelector<HTMLInputElement>('#remember')!.checked = true;

    takeOver(container, props);

    expect(container.querySelector('[data-prerendered]')).toBeNull();
    const taken = container.querySelector<HTMLInputElement>('#name')!;
    expect(taken).not.toBe(name);
    expect(taken.value).toBe('ada');
    expect(document.activeElement).toBe(taken);
    expect(taken.selectionStart).toBe(1);
    container.querySelector('form')!.requestSubmit();
    expect(props.onSubmit).toHaveBeenCalledWith(['ada', '', 'es', 'true']);
  });

  it('replays held clicks and submits on the app’s elements, in order, and holds nothing after', () => {
    const props = { onSubmit: vi.fn(), onNavigate: vi.fn() };
    const { container, held } = prerenderedPage(props);
    container.querySelector<HTMLInputElement>('#domain')!.value = 'example.org';
    container.querySelector('span')!.click(); // inside the link
    container.querySelector<HTMLButtonElement>('button')!.click();
    expect(held.events.map((event) => event.type)).toEqual(['click', 'click']);
    expect(props.onNavigate).not.toHaveBeenCalled();

    takeOver(container, props);

    expect(props.onNavigate).toHaveBeenCalledTimes(1);
    expect(props.onSubmit).toHaveBeenCalledWith(['', 'example.org', 'auto', 'false']);
    expect(held.holding).toBe(false);
    expect(window.openlinePrerendered).toBeUndefined();
    container.querySelector<HTMLButtonElement>('button')!.click();
    expect(props.onSubmit).toHaveBeenCalledTimes(2);
  });

  it('leaves untouched fields to the app, and drops a held click on nothing it can act on', () => {
    const props = { onSubmit: vi.fn(), onNavigate: vi.fn() };
    const { container } = prerenderedPage(props);
    container.querySelector('main')!.click(); // on the page's background

    takeOver(container, props);

    expect(props.onNavigate).not.toHaveBeenCalled();
    expect(props.onSubmit).not.toHaveBeenCalled();
    expect(container.querySelector<HTMLInputElement>('#name')!.value).toBe('');
  });

  it('keeps the focused field as the visitor sees it when the app had filled it meanwhile', () => {
    const props = { onSubmit: vi.fn(), onNavigate: vi.fn() };
    const { container } = prerenderedPage(props);
    const name = container.querySelector<HTMLInputElement>('#name')!;
    name.focus();
    name.select(); // a fill about to replace the (empty) value

    takeOver(container, { ...props, savedName: 'saved' });

    const taken = container.querySelector<HTMLInputElement>('#name')!;
    expect(document.activeElement).toBe(taken);
    expect(taken.value).toBe('');
    container.querySelector('form')!.requestSubmit();
    expect(props.onSubmit).toHaveBeenCalledWith(['', '', 'auto', 'false']);
  });

  it('on a start that did not wait for input, removes the hidden markup so that its ids are not there twice', () => {
    const container = document.createElement('div');
    container.innerHTML = '<div data-prerendered=""><input id="name"></div>';
    document.body.append(container);
    renderOverPrerendered(container, () => {
      root = createRoot(container);
      flushSync(() => root?.render(<input id="name" readOnly value="app" />));
    });
    expect(document.querySelectorAll('#name')).toHaveLength(1);
    expect(document.querySelector<HTMLInputElement>('#name')!.value).toBe('app');
  });
});
