import { useEffect, useState } from 'react';
import { ensureAreas } from '../../i18n';
import { signedInAndSettled } from '../../stores/startup-settled';

/**
 * The call views' chunk and the `call` texts in the current language, loaded together (issue 10: not in
 * the app shell's first load; issue 13: the texts come with the code that shows them). CallLayer starts
 * this right after the first paint, so by the time a call rings in it is long loaded (the service worker
 * precaches the chunk too); a call that comes sooner shows as soon as it is.
 */
type CallViewsModule = typeof import('./CallViews');

let loaded: CallViewsModule | null = null;
let pending: Promise<CallViewsModule> | null = null;

export function loadCallViews(): Promise<CallViewsModule> {
  if (!pending) {
    pending = Promise.all([import('./CallViews'), ensureAreas('call', 'ui')]).then(
      ([module]) => (loaded = module),
    );
    // Offline before the chunk was cached: the next mount tries again.
    pending.catch(() => (pending = null));
  }
  return pending;
}

/** The loaded call views, or null until they are (the caller re-renders when they arrive). */
export function useCallViews(): CallViewsModule | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let current = true;
    // After the first paint (effects run once the shell is on screen) and the saved account's
    // registration (issue 10), not in their way; not at all before someone signs in.
    void signedInAndSettled().then(() => {
      if (!current) return;
      loadCallViews()
        .then((next) => current && setModule(next))
        .catch(() => undefined);
    });
    return () => {
      current = false;
    };
  }, [module]);
  return module;
}
