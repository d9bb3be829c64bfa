import './lib/zod-jitless';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadSignInForm } from './app/App';
import { startAppI18n } from './i18n/start-app';
import { startApp } from './app/useAppStartup';
import { phoneBridge } from './stores/phone-bridge-instance';
import { SIGN_IN_PATH, startOnSignInForm } from './app/start-path';
import { hasSavedSignIn } from './stores/saved-sign-in';
import './app/theme.css';
import './ui/controls.css';
import './ui/screen.css';
import './app/layout.css';

const root = document.getElementById('root');
if (!root) throw new Error('Openline: #root is missing from index.html');

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
// The first render is a transition, which React renders in slices: between them the saved account's
// registration (IndexedDB read, the engine's chunk, the WebSocket, REGISTER and its challenge) goes on,
// instead of waiting behind one long render task (issue 10: navigation → REGISTER 200).
void Promise.all([languageReady, firstScreen]).then(() =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);
