import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RevealInSteps } from './RevealInSteps';

afterEach(cleanup);

describe('RevealInSteps', () => {
  it('adds one part per task after the first commit, without rendering the screen that holds it again', async () => {
    vi.useFakeTimers();
    let screenRenders = 0;
    let partRenders = 0;
    function Part({ name }: { name: string }) {
      partRenders++;
      return <p data-testid="part">{name}</p>;
    }
    function Screen() {
      screenRenders++;
      return (
        <RevealInSteps
          parts={['a', 'b', 'c'].map((name) => (
            <Part key={name} name={name} />
          ))}
        />
      );
    }
    try {
      render(<Screen />);
      expect(screen.queryAllByTestId('part')).toHaveLength(0);
      await act(async () => vi.advanceTimersToNextTimer());
      expect(screen.getAllByTestId('part').map((p) => p.textContent)).toEqual(['a']);
      await act(async () => vi.advanceTimersToNextTimer());
      await act(async () => vi.advanceTimersToNextTimer());
      expect(screen.getAllByTestId('part').map((p) => p.textContent)).toEqual(['a', 'b', 'c']);
      await act(async () => vi.runAllTimers());
      expect(screenRenders).toBe(1);
      // Each part rendered once: a step does not render the parts already shown again.
      expect(partRenders).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
