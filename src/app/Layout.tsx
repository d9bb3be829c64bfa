import { Outlet } from 'react-router-dom';
import { CallLayer, useCallLayerOpen } from '../features/call/CallLayer';
import { NavBar } from './NavBar';
import { RegistrationStatus } from './RegistrationStatus';
import { UpdatePrompt } from './UpdatePrompt';
import { useDocumentTitle } from './useDocumentTitle';

/** Header with registration status, tabs, the routed screen, and the call layer on top. */
export function Layout() {
  useDocumentTitle();
  const callOpen = useCallLayerOpen();

  return (
    <div className="app">
      <div className="app-shell" inert={callOpen}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <span className="app-brand">
            <img className="app-logo" src="/icons/icon.svg" alt="" width="28" height="28" />
            Openline
          </span>
          <RegistrationStatus />
        </header>
        <NavBar />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <CallLayer />
      <UpdatePrompt />
    </div>
  );
}
