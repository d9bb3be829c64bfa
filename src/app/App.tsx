import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ContactDetailScreen } from '../features/contacts/ContactDetailScreen';
import { ContactEditScreen } from '../features/contacts/ContactEditScreen';
import { ContactsScreen } from '../features/contacts/ContactsScreen';
import { DialpadScreen } from '../features/dialpad/DialpadScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { VoicemailScreen } from '../features/voicemail/VoicemailScreen';
import { Layout } from './Layout';
import { RootRedirect } from './RootRedirect';
import { useAppStartup } from './useAppStartup';

// The customer's join page: its own chunk, no tabs, no phone sign-in.
const JoinPage = lazy(() => import('../features/join/JoinPage').then((m) => ({ default: m.JoinPage })));
// The agent workspace (action runner, DOMPurify, webcall panel) loads when the Agent tab is opened:
// most users dial from the Dialpad and never need it. The service worker precaches it for offline use.
const AgentScreen = lazy(() =>
  import('../features/agent/AgentScreen').then((m) => ({ default: m.AgentScreen })),
);

/** The tabbed phone app; only these routes sign in and start the phone. */
function PhoneShell() {
  useAppStartup();
  return <Layout />;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route
          path="join"
          element={
            <Suspense fallback={null}>
              <JoinPage />
            </Suspense>
          }
        />
        <Route element={<PhoneShell />}>
          <Route index element={<RootRedirect />} />
          <Route path="dialpad" element={<DialpadScreen />} />
          <Route path="history" element={<HistoryScreen />} />
          <Route path="contacts" element={<ContactsScreen />} />
          <Route path="contacts/new" element={<ContactEditScreen />} />
          <Route path="contacts/:id" element={<ContactDetailScreen />} />
          <Route path="contacts/:id/edit" element={<ContactEditScreen key="edit" />} />
          <Route path="voicemail" element={<VoicemailScreen />} />
          <Route
            path="agent"
            element={
              <Suspense fallback={<p className="screen-loading">Loading the agent workspace…</p>}>
                <AgentScreen />
              </Suspense>
            }
          />
          <Route path="settings" element={<SettingsScreen />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
