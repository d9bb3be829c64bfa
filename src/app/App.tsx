import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { UnknownPath } from './UnknownPath';
import { useWebphoneConfig } from '../stores/webphone-config';
import { enabledTabs } from './menu';
import { Layout } from './Layout';
import { RootRedirect } from './RootRedirect';
import { useAppStartup } from './useAppStartup';

// Every tab is its own chunk, loaded when opened (the Dialpad's number formatting, the agent's action
// runner and DOMPurify stay out of the first load); the service worker precaches them all for offline
// use. The customer's join page is another entry altogether (join.html, src/join-main.tsx).
const DialpadScreen = lazy(() =>
  import('../features/dialpad/DialpadScreen').then((m) => ({ default: m.DialpadScreen })),
);
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })),
);
const ContactsScreen = lazy(() =>
  import('../features/contacts/ContactsScreen').then((m) => ({ default: m.ContactsScreen })),
);
const ContactDetailScreen = lazy(() =>
  import('../features/contacts/ContactDetailScreen').then((m) => ({ default: m.ContactDetailScreen })),
);
const ContactEditScreen = lazy(() =>
  import('../features/contacts/ContactEditScreen').then((m) => ({ default: m.ContactEditScreen })),
);
const VoicemailScreen = lazy(() =>
  import('../features/voicemail/VoicemailScreen').then((m) => ({ default: m.VoicemailScreen })),
);
const ChatListScreen = lazy(() => import('../features/chat').then((m) => ({ default: m.ChatListScreen })));
const ConversationScreen = lazy(() =>
  import('../features/chat').then((m) => ({ default: m.ConversationScreen })),
);
const AgentScreen = lazy(() =>
  import('../features/agent/AgentScreen').then((m) => ({ default: m.AgentScreen })),
);
const AdminScreen = lazy(() =>
  import('../features/admin/AdminScreen').then((m) => ({ default: m.AdminScreen })),
);
const MenuPageScreen = lazy(() =>
  import('../features/pages/MenuPageScreen').then((m) => ({ default: m.MenuPageScreen })),
);
const SettingsScreen = lazy(() =>
  import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);

/** A lazy tab: a short loading line while its chunk arrives (instant once precached). */
function tab(screen: ReactNode, loading = 'Loading…') {
  return <Suspense fallback={<p className="screen-loading">{loading}</p>}>{screen}</Suspense>;
}

/** The tabbed phone app; only these routes sign in and start the phone. */
function PhoneShell() {
  useAppStartup();
  return <Layout />;
}

export function App() {
  // Issue 13: a disabled tab has no route; Admin exists for admins only (the server refuses others too).
  const config = useWebphoneConfig((s) => s.config);
  const isAdmin = useWebphoneConfig((s) => s.role === 'admin');
  const on = enabledTabs(config);
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<PhoneShell />}>
          <Route index element={<RootRedirect />} />
          {on.has('dialpad') && <Route path="dialpad" element={tab(<DialpadScreen />)} />}
          {on.has('history') && <Route path="history" element={tab(<HistoryScreen />)} />}
          {on.has('contacts') && (
            <>
              <Route path="contacts" element={tab(<ContactsScreen />)} />
              <Route path="contacts/new" element={tab(<ContactEditScreen />)} />
              <Route path="contacts/:id" element={tab(<ContactDetailScreen />)} />
              <Route path="contacts/:id/edit" element={tab(<ContactEditScreen key="edit" />)} />
            </>
          )}
          {on.has('voicemail') && <Route path="voicemail" element={tab(<VoicemailScreen />)} />}
          {on.has('messages') && (
            <>
              <Route path="messages" element={tab(<ChatListScreen />)} />
              <Route path="messages/:peer" element={tab(<ConversationScreen />)} />
            </>
          )}
          {on.has('agent') && (
            <Route path="agent" element={tab(<AgentScreen />, 'Loading the agent workspace…')} />
          )}
          <Route path="settings" element={tab(<SettingsScreen />)} />
          {isAdmin && <Route path="admin" element={tab(<AdminScreen />)} />}
          {config.pages
            .filter((page) => !page.disabled)
            .map((page) => (
              <Route key={page.id} path={`page/${page.id}`} element={tab(<MenuPageScreen page={page} />)} />
            ))}
          <Route path="*" element={<UnknownPath />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
