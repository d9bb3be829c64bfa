import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INTENT_DWELL_MS, dwellIntent } from './dwell-intent';

function Buttons({ onIntent }: { onIntent(name: string): void }) {
  return (
    <>
      <button {...dwellIntent(() => onIntent('call'))}>Call</button>
      <button {...dwellIntent(() => onIntent('video'))}>Video call</button>
    </>
  );
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const button = (name: string) => screen.getByRole('button', { name });

describe('dwellIntent', () => {
  it('a mouse resting on a button is intent after the dwell, not before', () => {
    const onIntent = vi.fn();
    render(<Buttons onIntent={onIntent} />);
    fireEvent.pointerOver(button('Call'), { pointerType: 'mouse' });
    vi.advanceTimersByTime(INTENT_DWELL_MS - 1);
    expect(onIntent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIntent).toHaveBeenCalledExactlyOnceWith('call');
  });

  it('a pointer crossing buttons is no intent, and only the button it stops on counts', () => {
    const onIntent = vi.fn();
    render(<Buttons onIntent={onIntent} />);
    fireEvent.pointerOver(button('Call'), { pointerType: 'mouse' });
    vi.advanceTimersByTime(INTENT_DWELL_MS / 2);
    fireEvent.pointerOut(button('Call'), { pointerType: 'mouse', relatedTarget: button('Video call') });
    fireEvent.pointerOver(button('Video call'), { pointerType: 'mouse', relatedTarget: button('Call') });
    vi.advanceTimersByTime(INTENT_DWELL_MS / 2);
    fireEvent.pointerOut(button('Video call'), { pointerType: 'mouse', relatedTarget: document.body });
    vi.advanceTimersByTime(INTENT_DWELL_MS * 5);
    expect(onIntent).not.toHaveBeenCalled();

    fireEvent.pointerOver(button('Video call'), { pointerType: 'mouse' });
    vi.advanceTimersByTime(INTENT_DWELL_MS);
    expect(onIntent).toHaveBeenCalledExactlyOnceWith('video');
  });

  it('Tab walking past a button is no intent; focus that stays is', () => {
    const onIntent = vi.fn();
    render(<Buttons onIntent={onIntent} />);
    button('Call').focus();
    vi.advanceTimersByTime(INTENT_DWELL_MS / 2);
    button('Video call').focus();
    vi.advanceTimersByTime(INTENT_DWELL_MS);
    expect(onIntent).toHaveBeenCalledExactlyOnceWith('video');
  });

  it('a touch is intent at once, and drops a mouse intent still waiting', () => {
    const onIntent = vi.fn();
    render(<Buttons onIntent={onIntent} />);
    fireEvent.pointerOver(button('Call'), { pointerType: 'mouse' });
    fireEvent.pointerOver(button('Video call'), { pointerType: 'touch' });
    expect(onIntent).toHaveBeenCalledExactlyOnceWith('video');
    vi.advanceTimersByTime(INTENT_DWELL_MS * 2);
    expect(onIntent).toHaveBeenCalledTimes(1);
  });
});
