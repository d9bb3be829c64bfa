import { cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialpad, type DialpadProps } from './Dialpad';
import { takeServiceCode } from './service-codes';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

afterEach(cleanup);

describe('*#0*# on the dialpad', () => {
  it('is detected at the end of what was typed, spaces ignored', () => {
    expect(takeServiceCode('*#0*#')).toEqual({ code: '*#0*#', rest: '' });
    expect(takeServiceCode('12 *#0*#')).toEqual({ code: '*#0*#', rest: '12' });
    expect(takeServiceCode('*#0*')).toBeNull();
    expect(takeServiceCode('*#0*#1')).toBeNull();
  });

  it('toggles on the keypad, announces the result, and never dials it', () => {
    const onCall = vi.fn<DialpadProps['onCall']>();
    let on = false;
    const onServiceCode = vi.fn(() => {
      on = !on;
      return on ? 'SIP trace on' : 'SIP trace off';
    });
    render(<Dialpad canCall blockedReason="" region="US" onCall={onCall} onServiceCode={onServiceCode} />);
    const input = screen.getByLabelText('Number or SIP address') as HTMLInputElement;
    for (const key of ['*', '#', '0', '*', '#']) fireEvent.click(screen.getByRole('button', { name: key }));
    expect(onServiceCode).toHaveBeenCalledTimes(1);
    expect(input.value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('SIP trace on');
    // Typed into the field in one go, then Enter: toggled off, nothing dialled.
    fireEvent.change(input, { target: { value: '*#0*#' } });
    expect(screen.getByRole('status').textContent).toBe('SIP trace off');
    fireEvent.submit(input.form!);
    expect(onCall).not.toHaveBeenCalled();
  });
});
