/**
 * Keyboard shortcuts for calls: the one table the help overlay, the controls' `aria-keyshortcuts`
 * and docs/keyboard-shortcuts.md are written from (a test keeps the doc equal to this table).
 *
 * Single keys without modifiers, as in mail and code-review web apps: they never fire while focus is
 * in a text field (so typing a number or a note is never a command), and any Control, Alt or Meta
 * (Command) press is left to the browser and the system. Letters are matched case-insensitively
 * (Caps Lock) but not with Shift, which is reserved; `?` is whatever the layout needs to type it.
 */
import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { CallState, type CallSnapshot } from '../../stores/phone-types';

export type ShortcutAction =
  'answer' | 'decline' | 'hangup' | 'mute' | 'hold' | 'swap' | 'keypad' | 'transfer' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key`, lower case. */
  key: string;
  /** What the help overlay shows on the key cap. */
  label: string;
  /** The `aria-keyshortcuts` value (WAI-ARIA key names). */
  aria: string;
  /** What the key does (translated where it is shown; docs/calls.md lists the English). */
  description: MessageDescriptor;
  /** When the key does something. */
  when: MessageDescriptor;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'answer',
    key: 'a',
    label: 'A',
    aria: 'A',
    description: msg`Answer`,
    when: msg`a call is ringing`,
  },
  {
    action: 'decline',
    key: 'd',
    label: 'D',
    aria: 'D',
    description: msg`Decline`,
    when: msg`a call is ringing`,
  },
  {
    action: 'hangup',
    key: 'e',
    label: 'E',
    aria: 'E',
    description: msg`End the call (hang up)`,
    when: msg`in a call`,
  },
  { action: 'mute', key: 'm', label: 'M', aria: 'M', description: msg`Mute or unmute`, when: msg`in a call` },
  { action: 'hold', key: 'h', label: 'H', aria: 'H', description: msg`Hold or resume`, when: msg`connected` },
  {
    action: 'swap',
    key: 's',
    label: 'S',
    aria: 'S',
    description: msg`Swap to the next line (the current one goes on hold)`,
    when: msg`two lines or more`,
  },
  {
    action: 'keypad',
    key: 'k',
    label: 'K',
    aria: 'K',
    description: msg`Open or close the keypad (send tones)`,
    when: msg`connected`,
  },
  {
    action: 'transfer',
    key: 't',
    label: 'T',
    aria: 'T',
    description: msg`Transfer the call`,
    when: msg`connected`,
  },
  {
    action: 'help',
    key: '?',
    label: '?',
    aria: 'Shift+?',
    description: msg`Show these shortcuts`,
    when: msg`always`,
  },
];

const BY_ACTION = new Map(SHORTCUTS.map((s) => [s.action, s]));

/** The `aria-keyshortcuts` value of an action's control. */
export function ariaShortcut(action: ShortcutAction): string {
  return BY_ACTION.get(action)!.aria;
}

/** The parts of a KeyboardEvent the dispatcher reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  isComposing?: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'url',
  'email',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);
/** Widgets that use printable keys themselves (typing, type-ahead). */
const TYPING_ROLES =
  '[role="textbox"],[role="searchbox"],[role="combobox"],[role="spinbutton"],[role="menu"],[role="listbox"]';

/** True when a key typed at `target` is text (or type-ahead), not a command. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((element as HTMLInputElement).type);
  if (element.isContentEditable || element.closest('[contenteditable=""],[contenteditable="true"]'))
    return true;
  return element.closest(TYPING_ROLES) !== null;
}

/** The shortcut a key press means, or null when it is typing, modified, repeated or not ours. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.defaultPrevented || press.repeat || press.isComposing) return null;
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (isTextEntry(press.target)) return null;
  if (press.key === '?') return 'help';
  if (press.shiftKey || press.key.length !== 1) return null;
  const key = press.key.toLowerCase();
  return SHORTCUTS.find((s) => s.key === key)?.action ?? null;
}

export type ShortcutCommand = { kind: Exclude<ShortcutAction, 'help'>; callId: string } | { kind: 'help' };

export interface ShortcutContext {
  /** The oldest call ringing in, if any. */
  ringing: CallSnapshot | undefined;
  /** The call on the call screen (or bar). */
  foreground: CallSnapshot | null;
  /** Every line (issue 11), in order; Swap moves to the one after the foreground. */
  lines?: readonly CallSnapshot[];
}

/** The line after the current one, wrapping round; null with fewer than two lines. */
function nextLine(lines: readonly CallSnapshot[], current: CallSnapshot | null): CallSnapshot | null {
  if (lines.length < 2) return null;
  const index = current ? lines.findIndex((line) => line.id === current.id) : -1;
  return lines[(index + 1) % lines.length] ?? null;
}

/** What a shortcut does now, or null when it does not apply (then the key is left alone). */
export function planShortcut(
  action: ShortcutAction,
  { ringing, foreground, lines = [] }: ShortcutContext,
): ShortcutCommand | null {
  switch (action) {
    case 'help':
      return { kind: 'help' };
    case 'answer':
    case 'decline':
      return ringing ? { kind: action, callId: ringing.id } : null;
    case 'hangup':
    case 'mute':
      return foreground && foreground.state !== CallState.Ended
        ? { kind: action, callId: foreground.id }
        : null;
    case 'swap': {
      const next = nextLine(lines, foreground);
      return next ? { kind: 'swap', callId: next.id } : null;
    }
    case 'hold':
    case 'keypad':
    case 'transfer':
      return foreground?.state === CallState.Active ? { kind: action, callId: foreground.id } : null;
  }
}
