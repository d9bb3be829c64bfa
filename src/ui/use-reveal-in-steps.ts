import { startTransition, useEffect, useState } from 'react';

let revealAtOnce = false;

/**
 * The app is taking over a screen already drawn whole (a prerendered sign-in form, src/app/
 * prerender-handover.ts): its first render shows every part, as the markup did, so that nothing the
 * visitor sees disappears and their focus has its element.
 */
export function revealEverythingAtOnce(): void {
  revealAtOnce = true;
}

/**
 * How many of a screen's `steps` parts to render: the first at once, then one more per task after each
 * commit, each as a transition (issue 10). A long screen's first commit then holds only what the
 * user sees first (the sign-in form, on a phone's first visit), and the rest follows in commits small
 * enough not to block input: one commit of the whole screen was a long task at a phone's speed, on the
 * path to the first paint. Parts are only appended below, so nothing shown moves.
 */
export function useRevealInSteps(steps: number): number {
  const [shown, setShown] = useState(() => (revealAtOnce ? steps : 1));
  useEffect(() => {
    if (shown >= steps) return;
    const next = setTimeout(() => startTransition(() => setShown((n) => n + 1)), 0);
    return () => clearTimeout(next);
  }, [shown, steps]);
  return Math.min(shown, steps);
}
