/**
 * One shared AudioContext for generated sounds (ringtone). Browsers keep a context
 * suspended until a user gesture, so {@link unlockAudioOnFirstGesture} creates/resumes
 * it on the first pointer or key press anywhere on the page.
 */
let context: AudioContext | null = null;

type AudioContextCtor = typeof AudioContext;

function audioContextCtor(): AudioContextCtor | undefined {
  const g = globalThis as typeof globalThis & {
    AudioContext?: AudioContextCtor;
    webkitAudioContext?: AudioContextCtor;
  };
  return g.AudioContext ?? g.webkitAudioContext;
}

/** The shared context, created on first use; null where Web Audio is unavailable. */
export function getAudioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = audioContextCtor();
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

const GESTURES = ['pointerdown', 'keydown', 'touchend'] as const;

/** Install once at startup; returns a function that removes the listeners. */
export function unlockAudioOnFirstGesture(target: EventTarget = window): () => void {
  const unlock = () => {
    const ctx = getAudioContext();
    if (!ctx) return remove();
    void ctx.resume().then(() => {
      if (ctx.state === 'running') remove();
    });
  };
  function remove() {
    for (const type of GESTURES) target.removeEventListener(type, unlock, true);
  }
  for (const type of GESTURES) target.addEventListener(type, unlock, true);
  return remove;
}
