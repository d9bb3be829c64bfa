// The customer's join page (`/join#…`) is its own entry (join.html): no router, no phone engine, no
// tabs, so a customer on a phone downloads only what the pre-join screen needs. The room adapters
// (and with them sip.js or the Sendbird SDK) load when Join is pressed.
import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { JoinPage } from './features/join/JoinPage';
import { I18nRoot } from './ui/I18nRoot';
import { startJoinI18n } from './i18n/start-join';
import './app/theme.css';
import './ui/controls.css';
import './ui/screen.css';

const root = document.getElementById('root');
if (!root) throw new Error('Openline: #root is missing from join.html');

// The customer's language (from the browser) before the first paint; no top-level await, which would make
// the bundler split this entry into many small chunks.
void startJoinI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nRoot>
        <JoinPage />
      </I18nRoot>
    </StrictMode>,
  ),
);
