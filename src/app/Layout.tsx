import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router-dom';
import { CallLayer } from '../features/call/CallLayer';
import { useOpenChatFromNotifications } from '../features/chat/useOpenChatFromNotifications';
import { SlotOutlet, SlotsProvider, useSlotFilled } from '../ui/slots';
import { OpenlineLogo } from '../ui/OpenlineLogo';
import { HeaderExtras } from './HeaderExtras';
import { NavBar } from './NavBar';
import { RegistrationStatus } from './RegistrationStatus';
import { StorageNotice } from './StorageNotice';
import { useCustomCss } from './useCustomCss';
import { useBranding, useShellTitle } from './useBranding';
import { useDocumentTitle } from './useDocumentTitle';
import { firstScreenShown, startupSettled } from '../stores/startup-settled';
import { afterNextPaint } from '../lib/after-paint';

// Loaded after first paint with the service worker's registration (issue 10: shell budget); the prompt
// can only be needed once a new version has been installed, long after that.
// The worker's registration and update check wait for the saved account's registration (issue 10).
const UpdatePrompt = lazy(() =>
  startupSettled()
    .then(() => import('./UpdatePrompt'))
    .then((m) => ({ default: m.UpdatePrompt })),
);

/**
 * Header, tabs and the routed screen, plus the slots features render into: the call bar (part of
 * the shell's grid), the call view, a side panel that stays beside it, and a modal overlay. The shell alone decides where each slot sits;
 * whatever a call view or a modal covers is made inert.
 */
function ShellLayout() {
  useDocumentTitle();
  const { logo, menuRight } = useBranding(); // issue 13: the operator's brand, colour and menu side
  useCustomCss();
  const title = useShellTitle();
  useOpenChatFromNotifications(); // chat (issue 14): a notification click opens its conversation
  // Start-up prefetches wait for this screen's first frame as well as for the registration (issue 10).
  useEffect(() => afterNextPaint(firstScreenShown), []);
  const callOpen = useSlotFilled('call');
  const sideOpen = useSlotFilled('side');
  const modalOpen = useSlotFilled('overlay');
  const navigate = useNavigate();

  return (
    <div
      className="app"
      data-call-open={callOpen || undefined}
      data-side-open={sideOpen || undefined}
      data-menu-right={menuRight || undefined}
    >
      <div className="app-shell" inert={callOpen || modalOpen}>
        <a className="skip-link" href="#main">
          <Trans>Skip to content</Trans>
        </a>
        <header className="app-header">
          <span className="app-brand" data-testid="app-brand">
            {logo === null ? (
              <OpenlineLogo className="app-logo" />
            ) : (
              <img className="app-logo" src={logo} alt="" width="28" height="28" />
            )}
            {title}
          </span>
          <HeaderExtras />
          <RegistrationStatus />
        </header>
        <NavBar />
        {/* Before the screen in focus order (the call's controls are a few Tabs away); placed by CSS. */}
        <SlotOutlet name="bar" className="app-bar-slot" />
        <main id="main" className="app-main" tabIndex={-1}>
          <StorageNotice />
          <Outlet />
        </main>
      </div>
      <SlotOutlet name="call" className="app-call-slot" inert={modalOpen} />
      <SlotOutlet name="side" className="app-side-slot" inert={modalOpen} />
      <SlotOutlet name="overlay" className="app-overlay-slot" />
      {/* Lines (issue 11): "Add call" in the call view opens the Dialpad. */}
      <CallLayer onAddCall={() => void navigate('/dialpad')} />
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
    </div>
  );
}

export function Layout() {
  return (
    <SlotsProvider>
      <ShellLayout />
    </SlotsProvider>
  );
}
