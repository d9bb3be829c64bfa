// The customer's join page (`/join#…`) is its own entry (join.html): no router, no phone engine, no
// tabs, so a customer on a phone downloads only what the pre-join screen needs. The room adapters
// (and with them sip.js or the Sendbird SDK) load when Join is pressed.
import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { JoinPage } from './features/join/JoinPage';
import { I18nRoot } from './ui/I18nRoot';
import { startJoinI18n } from './i18n/start-join';
import { activateLocale, isAppLocale } from './i18n';
import { joinPage, joinWidget } from './stores/join-page-instance';
import './app/theme.css';
import './ui/controls.css';
import './ui/screen.css';

const root = document.getElementById('root');
if (!root) throw new Error('Openline: #root is missing from join.html');

/**
 * How long the first render waits for the link's check and the operator's settings. Both requests were
 * preloaded beside this entry (join.html), so they are usually here before it has run; a slow network
 * gets "Checking the call link…" after this, not a blank page.
 */
const FIRST_SCREEN_WAIT_MS = 1000;

// The customer's language (from the browser) before the first paint; no top-level await, which would make
// the bundler split this entry into many small chunks.
const languageReady = startJoinI18n();
// The first screen is the one the customer acts on: the link is checked (and the settings read) before
// the first render, not in its effect. Rendering "Checking the call link…" first painted a screen that
// was replaced a moment later, and left the check, the pre-join screen's render and the expiry's
// formatting to run after the first paint, where a phone's user is already waiting on the page
// (docs/performance.md, session 28). JoinPage's own calls to both find them started (each runs once).
// A language the operator chose for the page is switched to before that render too, not a moment after it.
const operatorLanguage = Promise.all([languageReady, joinWidget.load()]).then(() => {
  const { language } = joinWidget.useStore.getState().widget;
  return isAppLocale(language) ? activateLocale(language) : undefined;
});
const firstScreenKnown = Promise.allSettled([joinPage.open(), operatorLanguage]);
let waiting: ReturnType<typeof setTimeout> | undefined;
const waited = new Promise<void>((resolve) => (waiting = setTimeout(resolve, FIRST_SCREEN_WAIT_MS)));

void languageReady
  .then(() => Promise.race([firstScreenKnown, waited]))
  .then(() => clearTimeout(waiting))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <I18nRoot>
          <JoinPage />
        </I18nRoot>
      </StrictMode>,
    ),
  );
