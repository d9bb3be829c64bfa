import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRevealInSteps } from './use-reveal-in-steps';

function Parts({ steps }: { steps: number }) {
  const shown = useRevealInSteps(steps);
  return <p data-testid="shown">{shown}</p>;
}

afterEach(cleanup);

describe('useRevealInSteps', () => {
  it('renders the first part at once, then one more per task until all are shown', async () => {
    vi.useFakeTimers();
    try {
      render(<Parts steps={3} />);
      expect(screen.getByTestId('shown').textContent).toBe('1');
      await act(async () => vi.advanceTimersToNextTimer());
      expect(screen.getByTestId('shown').textContent).toBe('2');
      await act(async () => vi.advanceTimersToNextTimer());
      expect(screen.getByTestId('shown').textContent).toBe('3');
      await act(async () => vi.runAllTimers());
      expect(screen.getByTestId('shown').textContent).toBe('3');
    } finally {
      vi.useRealTimers();
    }
  });

  it('never reports more than there are, when the parts shrink', () => {
    const { rerender } = render(<Parts steps={1} />);
    expect(screen.getByTestId('shown').textContent).toBe('1');
    rerender(<Parts steps={0} />);
    expect(screen.getByTestId('shown').textContent).toBe('0');
  });
});
