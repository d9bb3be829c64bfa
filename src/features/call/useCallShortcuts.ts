import { useEffect, useRef } from 'react';
import { planShortcut, shortcutFor, type ShortcutCommand, type ShortcutContext } from './shortcuts';

/**
 * Listens for the call shortcuts on the whole window and runs what they mean in the current context.
 * A key that does not apply (Hold with no call) is left to the page; one that acts is consumed.
 */
export function useCallShortcuts(context: ShortcutContext, run: (command: ShortcutCommand) => void): void {
  const latest = useRef({ context, run });
  useEffect(() => {
    latest.current = { context, run };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      const command = planShortcut(action, latest.current.context);
      if (!command) return;
      event.preventDefault();
      latest.current.run(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
