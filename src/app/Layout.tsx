import { Outlet, useNavigate } from 'react-router-dom';
import { CallLayer } from '../features/call/CallLayer';
import { SlotOutlet, SlotsProvider, useSlotFilled } from '../ui/slots';
import { NavBar } from './NavBar';
import { RegistrationStatus } from './RegistrationStatus';
import { UpdatePrompt } from './UpdatePrompt';
import { useDocumentTitle } from './useDocumentTitle';

/**
 * Header, tabs and the routed screen, plus the slots features render into: the call bar (part of
 * the shell's grid), the call view, a side panel that stays beside it, and a modal overlay. The shell alone decides where each slot sits;
 * whatever a call view or a modal covers is made inert.
 */
function ShellLayout() {
  useDocumentTitle();
  const callOpen = useSlotFilled('call');
  const sideOpen = useSlotFilled('side');
  const modalOpen = useSlotFilled('overlay');
  const navigate = useNavigate();

  return (
    <div className="app" data-call-open={callOpen || undefined} data-side-open={sideOpen || undefined}>
      <div className="app-shell" inert={callOpen || modalOpen}>
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
        {/* Before the screen in focus order (the call's controls are a few Tabs away); placed by CSS. */}
        <SlotOutlet name="bar" className="app-bar-slot" />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <SlotOutlet name="call" className="app-call-slot" inert={modalOpen} />
      <SlotOutlet name="side" className="app-side-slot" inert={modalOpen} />
      <SlotOutlet name="overlay" className="app-overlay-slot" />
      {/* Lines (issue 11): "Add call" in the call view opens the Dialpad. */}
      <CallLayer onAddCall={() => void navigate('/dialpad')} />
      <UpdatePrompt />
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
