import './lib/zod-jitless';
import { startTransition, StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App, preloadSignInForm } from './app/App';
import { startAppI18n } from './i18n/start-app';
import { startApp } from './app/useAppStartup';
import { phoneBridge } from './stores/phone-bridge-instance';
import { SIGN_IN_PATH, startOnSignInForm } from './app/start-path';
import { hasSavedSignIn } from './stores/saved-sign-in';
import { bootRegisterUnderway } from './phone/boot-slot';
import { renderOverPrerendered } from './app/prerender-handover';
import { revealEverythingAtOnce } from './ui/use-reveal-in-steps';
import './app/theme.css';
import './ui/controls.css';
import './ui/screen.css';
import './app/layout.css';

// English is active at once (its start-up texts come with this entry); another language loads its texts
// while the phone starts, and the first render waits for them.
const languageReady = startAppI18n();
const savedSignIn = hasSavedSignIn();
startOnSignInForm(window.location, window.history, savedSignIn);
startApp(); // before the first render: registration does not wait for React
// The sign-in form's chunk (fetched since the boot script) renders with the shell, not a commit after it,
// and with the server's suggestions filled in (`/api/config`, preloaded by index.html): the demo-account
// hint is the largest paint, and a hint added a commit later would push the fields down (layout shift).
// A server slow to answer does not hold the form back for more than FORM_WAITS_FOR_CONFIG_MS.
const FORM_WAITS_FOR_CONFIG_MS = 400;
const firstScreen =
  !savedSignIn && window.location.pathname === SIGN_IN_PATH
    ? Promise.all([
        preloadSignInForm(),
        Promise.race([
          phoneBridge.suggestionsReady(),
          new Promise((wait) => setTimeout(wait, FORM_WAITS_FOR_CONFIG_MS)),
        ]),
      ])
    : Promise.resolve();
// The boot script inserts this entry as an async module, which may run before the page's body is parsed.
const bodyParsed =
  document.readyState === 'loading'
    ? new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }))
    : Promise.resolve();
void Promise.all([languageReady, firstScreen, bodyParsed]).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('Openline: #root is missing from index.html');
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  // A first visit that waited for its first input on the prerendered form (ADR 0041): the app replaces it in
  // one synchronous commit, whole, and takes over what the visitor typed and pressed meanwhile.
  if (window.openlinePrerendered) {
    revealEverythingAtOnce();
    renderOverPrerendered(root, () => flushSync(() => createRoot(root).render(app)));
    return;
  }
  // A reload whose REGISTER the boot script sends (ADR 0043): the user waits for nothing behind the render,
  // so it is drawn in one go, before the engine starts, not in slices the engine's start-up interleaves
  // with. A task later: a socket that opened meanwhile sends its REGISTER first.
  if (bootRegisterUnderway()) {
    setTimeout(() => renderOverPrerendered(root, () => flushSync(() => createRoot(root).render(app))), 0);
    return;
  }
  // Otherwise the first render is a transition, which React renders in slices: between them the saved
  // account's registration (IndexedDB read, the engine's chunk, the WebSocket, REGISTER and its challenge)
  // goes on, instead of waiting behind one long render task (issue 10: navigation → REGISTER 200).
  renderOverPrerendered(root, () => startTransition(() => createRoot(root).render(app)));
});
