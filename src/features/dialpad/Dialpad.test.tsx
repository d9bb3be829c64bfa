import { cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialpad, type DialpadProps } from './Dialpad';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

afterEach(cleanup);

function renderDialpad(props: Partial<DialpadProps> = {}) {
  const onCall = vi.fn<DialpadProps['onCall']>();
  render(
    <Dialpad
      canCall
      blockedReason="Sign in under Settings to make calls"
      region="US"
      onCall={onCall}
      {...props}
    />,
  );
  const input = screen.getByLabelText('Number or SIP address') as HTMLInputElement;
  return { onCall, input };
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('Dialpad', () => {
  it('names keypad buttons by their digit only', () => {
    renderDialpad();
    for (const digit of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
      expect(button(digit)).toBeDefined();
    }
  });

  it('appends keypad digits and deletes the last one', () => {
    const { input } = renderDialpad();
    for (const digit of ['1', '0', '0', '2']) fireEvent.click(button(digit));
    expect(input.value).toBe('1002');
    fireEvent.click(button('Delete last digit'));
    expect(input.value).toBe('100');
  });

  it('calls the typed number, normalised, with Enter', () => {
    const { input, onCall } = renderDialpad();
    fireEvent.change(input, { target: { value: '(415) 555-2671' } });
    fireEvent.submit(input.form as HTMLFormElement);
    expect(onCall).toHaveBeenCalledWith('+14155552671', false);
  });

  it('places video calls and passes extensions through', () => {
    const { input, onCall } = renderDialpad();
    fireEvent.change(input, { target: { value: '1002' } });
    fireEvent.click(button('Video call'));
    expect(onCall).toHaveBeenCalledWith('1002', true);
  });

  it('tells the phone a call may follow: typing, a number from a link, the call button focused', () => {
    const onIntent = vi.fn();
    const { input } = renderDialpad({ onIntent });
    expect(onIntent).not.toHaveBeenCalled(); // an empty field promises nothing
    fireEvent.click(button('1'));
    const afterFirstDigit = onIntent.mock.calls.length;
    expect(afterFirstDigit).toBeGreaterThan(0);
    fireEvent.change(input, { target: { value: '10' } });
    expect(onIntent.mock.calls.length).toBeGreaterThan(afterFirstDigit); // each keystroke keeps it alive
    expect(new Set(onIntent.mock.calls.map(([video]) => video))).toEqual(new Set([false])); // audio
    onIntent.mockClear();
    fireEvent.focus(button('Audio call'));
    expect(onIntent.mock.calls).toEqual([[false]]);
    // Video call focused or pointed at: a video call is what may follow.
    fireEvent.focus(button('Video call'));
    fireEvent.pointerEnter(button('Video call'));
    expect(onIntent.mock.calls).toEqual([[false], [true], [true]]);
    cleanup();

    const linked = vi.fn();
    const { rerender } = render(
      <Dialpad canCall={false} blockedReason="" initialValue="1002" onCall={vi.fn()} onIntent={linked} />,
    );
    expect(linked).not.toHaveBeenCalled(); // not registered yet
    rerender(<Dialpad canCall blockedReason="" initialValue="1002" onCall={vi.fn()} onIntent={linked} />);
    expect(linked).toHaveBeenCalledTimes(1);
  });

  it('prepares nothing while calls cannot be placed', () => {
    const onIntent = vi.fn();
    const { input } = renderDialpad({ onIntent, canCall: false, initialValue: '1002' });
    fireEvent.change(input, { target: { value: '10023' } });
    fireEvent.focus(button('Audio call'));
    fireEvent.pointerEnter(button('Video call'));
    expect(onIntent).not.toHaveBeenCalled();
  });

  it('strips formatting from pasted text', () => {
    const { input } = renderDialpad();
    fireEvent.paste(input, { clipboardData: { getData: () => '+1 (415) 555-2671' } });
    expect(input.value).toBe('+14155552671');
  });

  it('keeps pasted SIP addresses intact', () => {
    const { input } = renderDialpad();
    fireEvent.paste(input, { clipboardData: { getData: () => ' sip:bob@example.com ' } });
    expect(input.value).toBe('sip:bob@example.com');
  });

  it('shows an inline error for garbage and does not call', () => {
    const { input, onCall } = renderDialpad();
    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.click(button('Audio call'));
    expect(onCall).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/not a phone number/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: 'hello1' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables the call buttons with a reason while empty or not registered', () => {
    const { input } = renderDialpad({ canCall: false });
    fireEvent.change(input, { target: { value: '1002' } });
    expect(button('Audio call').disabled).toBe(true);
    expect(button('Video call').title).toBe('Sign in under Settings to make calls');
    expect(screen.getByText('Sign in under Settings to make calls')).toBeDefined();
    cleanup();
    renderDialpad();
    expect(button('Audio call').disabled).toBe(true);
    expect(button('Audio call').title).toBe('Enter a number or SIP address first');
  });

  it('prefills from the initial value (tel: links)', () => {
    const { input } = renderDialpad({ initialValue: '+442079460958' });
    expect(input.value).toBe('+442079460958');
  });
});
