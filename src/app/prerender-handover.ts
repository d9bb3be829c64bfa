/**
 * Taking over a prerendered sign-in form (ADR 0041). On a first visit index.html shows the build's HTML of
 * the form (scripts/prerender-sign-in.ts) and runs the app only on the visitor's first input; until then
 * they may have typed into its inputs, moved the focus, and clicked or submitted (held by the boot
 * script). The app renders over the markup in one task and carries all of that over, so nothing typed or
 * pressed is lost:
 * - a control whose value the visitor (or the boot script's server suggestions) changed gets that value
 *   through React's own change handlers, as if typed;
 * - the focus, the caret and the screen's scroll position are restored;
 * - held clicks and submits are replayed on the app's elements.
 * Elements are matched by id, else by tag and link or text, in document order.
 */

import type { HeldStart } from '../lib/held-start';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface ElementKey {
  id: string;
  tag: string;
  label: string;
  index: number;
}

const CONTROLS = 'input, select, textarea';
/** What a held click means something on: the nearest of these around its target. */
const ACTIONABLE = 'a[href], button, summary, label, input, select, textarea, [tabindex]';

const labelOf = (element: Element) => element.getAttribute('href') ?? element.textContent?.trim() ?? '';

function keyOf(element: Element, scope: Element): ElementKey {
  const tag = element.tagName;
  const label = labelOf(element);
  const index = element.id
    ? 0
    : [...scope.querySelectorAll(tag)].filter((other) => labelOf(other) === label).indexOf(element);
  return { id: element.id, tag, label, index };
}

function find(key: ElementKey, scope: Element): HTMLElement | null {
  if (key.id) return scope.querySelector<HTMLElement>(`#${CSS.escape(key.id)}`);
  const same = [...scope.querySelectorAll<HTMLElement>(key.tag)].filter(
    (other) => labelOf(other) === key.label,
  );
  return same[key.index] ?? null;
}

function isCheckable(control: Control): control is HTMLInputElement {
  return control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
}

/** Whether the visitor (or the boot script) changed it from what the markup drew. */
function changed(control: Control): boolean {
  if (isCheckable(control)) return control.checked !== control.defaultChecked;
  if (control instanceof HTMLSelectElement)
    return [...control.options].some((o) => o.selected !== o.defaultSelected);
  return control.value !== control.defaultValue;
}

/** Set a React-controlled control's value as typing would: the prototype's setter, then its events. */
function typeInto(control: Control, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control) as object, 'value')?.set;
  setter?.call(control, value);
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

interface Snapshot {
  values: { key: ElementKey; value: string; checked: boolean }[];
  focus: {
    key: ElementKey;
    /** A text control's value as the visitor sees it: the field they are typing in stays theirs. */
    value: string | null;
    start: number | null;
    end: number | null;
    direction: string | null;
  } | null;
  scroll: { key: ElementKey; top: number }[];
  actions: { type: string; key: ElementKey }[];
}

function snapshot(markup: Element, held: HeldStart): Snapshot {
  const values = [...markup.querySelectorAll<Control>(CONTROLS)]
    .filter((control) => control.id && changed(control))
    .map((control) => ({
      key: keyOf(control, markup),
      value: control.value,
      checked: isCheckable(control) && control.checked,
    }));
  const active = document.activeElement;
  let focus: Snapshot['focus'] = null;
  if (active && active !== markup && markup.contains(active)) {
    const text = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
    let start: number | null = null;
    let end: number | null = null;
    let direction: string | null = null;
    try {
      start = text?.selectionStart ?? null;
      end = text?.selectionEnd ?? null;
      direction = text?.selectionDirection ?? null;
    } catch {
      // An input type without a caret (checkbox): focus alone.
    }
    focus = { key: keyOf(active, markup), value: text?.value ?? null, start, end, direction };
  }
  const scroll = [...markup.querySelectorAll('[id]')]
    .filter((element) => element.scrollTop > 0)
    .map((element) => ({ key: keyOf(element, markup), top: element.scrollTop }));
  const actions = held.events.flatMap((event) => {
    const target = event.target instanceof Element ? event.target : null;
    const actionable = event.type === 'submit' ? target : target?.closest(ACTIONABLE);
    return actionable && markup.contains(actionable)
      ? [{ type: event.type, key: keyOf(actionable, markup) }]
      : [];
  });
  return { values, focus, scroll, actions };
}

function restore(state: Snapshot, root: Element): void {
  for (const { key, value, checked } of state.values) {
    const control = find(key, root) as Control | null;
    if (!control) continue;
    if (isCheckable(control)) {
      if (control.checked !== checked) control.click();
    } else if (control.value !== value) {
      typeInto(control, value);
    }
  }
  for (const { key, top } of state.scroll) {
    const element = find(key, root);
    if (element) element.scrollTop = top;
  }
  if (state.focus) {
    const element = find(state.focus.key, root);
    // The app may have filled the field the visitor is in (saved settings read meanwhile): what they see
    // and are typing into wins, or their next keys would land inside a value they never saw.
    const { value } = state.focus;
    if (
      (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
      value !== null &&
      element.value !== value
    )
      typeInto(element, value);
    element?.focus({ preventScroll: true });
    const { start, end, direction } = state.focus;
    if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && start !== null) {
      try {
        element.setSelectionRange(
          start,
          end ?? start,
          (direction ?? 'none') as 'forward' | 'backward' | 'none',
        );
      } catch {
        // An input type without a caret.
      }
    }
  }
  for (const { type, key } of state.actions) {
    const element = find(key, root);
    if (type === 'submit' && element instanceof HTMLFormElement) element.requestSubmit();
    else if (type === 'click') element?.click();
  }
}

/**
 * The prerendered markup in `root`, if the boot script left the start to it: then `render` (which must
 * commit synchronously) draws the app in its place with the visitor's input carried over. Without it
 * (every other start) only the hidden markup is removed, so that its ids are not the page's twice.
 */
export function renderOverPrerendered(root: HTMLElement, render: () => void): void {
  const markup = root.querySelector(':scope > [data-prerendered]');
  const held = window.openlinePrerendered;
  delete window.openlinePrerendered;
  const state = markup && held ? snapshot(markup, held) : null;
  if (held) held.holding = false;
  markup?.remove();
  document.documentElement.classList.remove('prerendered-start');
  render();
  if (state) restore(state, root);
}
