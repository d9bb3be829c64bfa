import { afterEach, describe, expect, it } from 'vitest';
import { CallState, type CallSnapshot } from '../../stores/phone-types';
import {
  SHORTCUTS,
  ariaShortcut,
  isTextEntry,
  planShortcut,
  shortcutFor,
  type KeyPress,
  type ShortcutAction,
} from './shortcuts';

afterEach(() => {
  document.body.innerHTML = '';
});

function press(key: string, patch: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    shiftKey: false,
    repeat: false,
    isComposing: false,
    defaultPrevented: false,
    target: document.body,
    ...patch,
  };
}

/** An element in the document, as the target of a key press. */
function element(html: string): Element {
  document.body.innerHTML = html;
  return document.body.querySelector('[data-target]')!;
}

const call = (state: CallState, id = 'c1'): CallSnapshot => ({
  id,
  sipCallId: `${id}@test`,
  direction: 'outgoing',
  state,
  remoteUri: 'sip:1002@openline.local',
  remoteUser: '1002',
  remoteDisplayName: null,
  video: false,
  muted: false,
  cameraOff: false,
  held: false,
  createdAt: 0,
  answeredAt: null,
  endedAt: null,
  endReason: null,
  endStatusCode: null,
});

describe('the shortcut table', () => {
  it('has one distinct key per action, every action the issue asks for, and ARIA names for each', () => {
    const actions: ShortcutAction[] = [
      'answer',
      'decline',
      'hangup',
      'mute',
      'hold',
      'swap',
      'keypad',
      'transfer',
      'help',
    ];
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual([...actions].sort());
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
    expect(ariaShortcut('mute')).toBe('M');
    expect(ariaShortcut('help')).toBe('Shift+?');
  });

  it('maps each key, in either case (Caps Lock), to its action', () => {
    for (const s of SHORTCUTS) {
      expect(shortcutFor(press(s.key))).toBe(s.action);
      if (s.key !== '?') expect(shortcutFor(press(s.key.toUpperCase()))).toBe(s.action);
    }
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('Escape'))).toBeNull();
    expect(shortcutFor(press('5'))).toBeNull();
  });
});

describe('shortcutFor leaves alone', () => {
  it('presses with Control, Alt or Meta (browser and system shortcuts: Ctrl+T, Cmd+M, Alt+D)', () => {
    for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) {
      expect(shortcutFor(press('m', { [mod]: true }))).toBeNull();
      expect(shortcutFor(press('t', { [mod]: true }))).toBeNull();
      expect(shortcutFor(press('?', { [mod]: true }))).toBeNull();
    }
  });

  it('Shift with a letter (reserved), but not the Shift that typing ? needs', () => {
    expect(shortcutFor(press('M', { shiftKey: true }))).toBeNull();
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('help');
  });

  it('auto-repeat, IME composition and keys a widget already handled', () => {
    expect(shortcutFor(press('m', { repeat: true }))).toBeNull();
    expect(shortcutFor(press('m', { isComposing: true }))).toBeNull();
    expect(shortcutFor(press('m', { defaultPrevented: true }))).toBeNull();
  });

  it.each([
    ['a text input', '<input data-target type="text">'],
    ['an input without a type', '<input data-target>'],
    ['a number field', '<input data-target type="tel">'],
    ['a search field', '<input data-target type="search">'],
    ['a password field', '<input data-target type="password">'],
    ['a textarea', '<textarea data-target></textarea>'],
    ['a select (type-ahead)', '<select data-target><option>A</option></select>'],
    ['contenteditable', '<div contenteditable="true"><p data-target>x</p></div>'],
    ['a combobox', '<div role="combobox" data-target tabindex="0"></div>'],
    ['a menu (type-ahead)', '<ul role="menu"><li role="menuitem" data-target tabindex="-1">Call</li></ul>'],
  ])('typing in %s', (_name, html) => {
    const target = element(html);
    expect(isTextEntry(target)).toBe(true);
    for (const s of SHORTCUTS) expect(shortcutFor(press(s.key, { target }))).toBeNull();
  });

  it('but acts on buttons, checkboxes and the page itself', () => {
    expect(shortcutFor(press('e', { target: element('<button data-target>Hold</button>') }))).toBe('hangup');
    expect(shortcutFor(press('m', { target: element('<input data-target type="checkbox">') }))).toBe('mute');
    expect(shortcutFor(press('h', { target: null }))).toBe('hold');
  });
});

describe('planShortcut', () => {
  const ringing = { ...call(CallState.Incoming, 'in1'), direction: 'incoming' as const };

  it('answers and declines only a ringing call', () => {
    expect(planShortcut('answer', { ringing, foreground: null })).toEqual({ kind: 'answer', callId: 'in1' });
    expect(planShortcut('decline', { ringing, foreground: null })).toEqual({
      kind: 'decline',
      callId: 'in1',
    });
    expect(planShortcut('answer', { ringing: undefined, foreground: call(CallState.Active) })).toBeNull();
  });

  it('hangs up and mutes a call that is not over, also while it is still dialling', () => {
    expect(planShortcut('hangup', { ringing: undefined, foreground: call(CallState.Dialing) })).toEqual({
      kind: 'hangup',
      callId: 'c1',
    });
    expect(planShortcut('mute', { ringing: undefined, foreground: call(CallState.Active) })).toEqual({
      kind: 'mute',
      callId: 'c1',
    });
    expect(planShortcut('hangup', { ringing: undefined, foreground: call(CallState.Ended) })).toBeNull();
    expect(planShortcut('mute', { ringing: undefined, foreground: null })).toBeNull();
  });

  it('holds, opens the keypad and transfers only a connected call', () => {
    for (const action of ['hold', 'keypad', 'transfer'] as const) {
      expect(planShortcut(action, { ringing: undefined, foreground: call(CallState.Active) })).toEqual({
        kind: action,
        callId: 'c1',
      });
      expect(planShortcut(action, { ringing: undefined, foreground: call(CallState.Ringing) })).toBeNull();
    }
  });

  it('with a second caller ringing during a call, answer is for the caller and hang up for the call', () => {
    const context = { ringing, foreground: call(CallState.Active) };
    expect(planShortcut('answer', context)).toEqual({ kind: 'answer', callId: 'in1' });
    expect(planShortcut('hangup', context)).toEqual({ kind: 'hangup', callId: 'c1' });
  });

  it('swaps to the line after the current one, wrapping round, only with two lines or more', () => {
    const [a, b, c] = [
      call(CallState.Active, 'a'),
      call(CallState.Active, 'b'),
      call(CallState.Ringing, 'c'),
    ];
    const lines = [a, b, c];
    expect(planShortcut('swap', { ringing: undefined, foreground: a, lines })).toEqual({
      kind: 'swap',
      callId: 'b',
    });
    expect(planShortcut('swap', { ringing: undefined, foreground: c, lines })).toEqual({
      kind: 'swap',
      callId: 'a',
    });
    expect(planShortcut('swap', { ringing: undefined, foreground: a, lines: [a] })).toBeNull();
    expect(planShortcut('swap', { ringing: undefined, foreground: a })).toBeNull();
    expect(shortcutFor(press('s', { target: null }))).toBe('swap');
  });

  it('always opens the help', () => {
    expect(planShortcut('help', { ringing: undefined, foreground: null })).toEqual({ kind: 'help' });
  });
});
