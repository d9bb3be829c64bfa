import type { ReactNode } from 'react';
import { useRevealInSteps } from './use-reveal-in-steps';

/**
 * `parts` below what the screen draws at once: none in the screen's first commit, then one more per task
 * (useRevealInSteps). The steps are this component's state, not the screen's, so each one renders only
 * the list: held by the screen, every step re-rendered the whole sign-in form above it (docs/performance.md,
 * session 24). Parts already shown are the same elements, so React skips them.
 */
export function RevealInSteps({ parts }: { parts: readonly ReactNode[] }) {
  const shown = useRevealInSteps(parts.length + 1) - 1;
  return <>{parts.slice(0, shown)}</>;
}
