import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { UnknownPath } from './UnknownPath';
import { useWebphoneConfig } from '../stores/webphone-config';
import { enabledTabs } from './menu';
import { Layout } from './Layout';
import { RootRedirect } from './RootRedirect';
import { TabBoundary } from './TabBoundary';
import { useAppStartup } from './useAppStartup';
import { ensureAreas } from '../i18n';
import { I18nRoot } from '../ui/I18nRoot';

// Every tab is its own chunk, loaded when opened (the Dialpad's number formatting, the agent's action
// runner and DOMPurify stay out of the first load); the service worker precaches them all for offline
// use. The customer's join page is another entry altogether (join.html, src/join-main.tsx).
// A tab's texts (src/locales/<language>/<area>.po) load beside its code, so it renders in the user's language.
// `preload()` loads both ahead of the render: a tab loaded that way renders in the same pass as the shell.
function lazyTab<P extends object>(area: string, load: () => Promise<ComponentType<P>>) {
  let ready: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (loading ??= Promise.all([load(), ensureAreas(area, 'ui')]).then(
      ([Screen]) => {
        ready = Screen;
        return { default: Screen };
      },
      (error: unknown) => {
        // TabBoundary shows this failure. React keeps a lazy component's rejection for good, so the
        // next mount (Try again, or the tab opened again) gets a fresh one that asks again.
        loading = null;
        Lazy = lazy(preload);
        throw error;
      },
    ));
  let Lazy = lazy(preload);
  function Tab(props: P) {
    // Chosen once per mount, so a tab never swaps one for the other under its own state.
    const [Loaded] = useState(() => ready ?? Lazy);
    return <Loaded {...props} />;
  }
  return Object.assign(Tab, { preload });
}

const DialpadScreen = lazyTab('dialpad', () =>
  import('../features/dialpad/DialpadScreen').then((m) => m.DialpadScreen),
);
const HistoryScreen = lazyTab('history', () =>
  import('../features/history/HistoryScreen').then((m) => m.HistoryScreen),
);
const ContactsScreen = lazyTab('contacts', () =>
  import('../features/contacts/ContactsScreen').then((m) => m.ContactsScreen),
);
const ContactDetailScreen = lazyTab('contacts', () =>
  import('../features/contacts/ContactDetailScreen').then((m) => m.ContactDetailScreen),
);
const ContactEditScreen = lazyTab('contacts', () =>
  import('../features/contacts/ContactEditScreen').then((m) => m.ContactEditScreen),
);
const VoicemailScreen = lazyTab('voicemail', () =>
  import('../features/voicemail/VoicemailScreen').then((m) => m.VoicemailScreen),
);
const ChatListScreen = lazyTab('chat', () => import('../features/chat').then((m) => m.ChatListScreen));
const ConversationScreen = lazyTab('chat', () =>
  import('../features/chat').then((m) => m.ConversationScreen),
);
const AgentScreen = lazyTab('agent', () =>
  import('../features/agent/AgentScreen').then((m) => m.AgentScreen),
);
const AdminScreen = lazyTab('admin', () =>
  import('../features/admin/AdminScreen').then((m) => m.AdminScreen),
);
// An operator's menu page (ADR 0022): its text is the operator's HTML, so it needs no catalog of its own.
const MenuPageScreen = lazyTab('pages', () =>
  import('../features/pages/MenuPageScreen').then((m) => m.MenuPageScreen),
);
const SettingsScreen = lazyTab('settings', () =>
  import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen),
);

/**
 * The sign-in form's screen, loaded before the shell's first render so that both commit together: on a
 * first visit the form is the largest paint (issue 10). Never rejects: a failure shows when the tab renders.
 */
export function preloadSignInForm(): Promise<void> {
  return SettingsScreen.preload().then(
    () => undefined,
    () => undefined,
  );
}

/** A lazy tab: a short loading line while its chunk arrives (instant once precached), its own failure. */
function tab(screen: ReactNode, loading?: ReactNode) {
  return (
    <TabBoundary>
      <Suspense fallback={<p className="screen-loading">{loading ?? <Trans>Loading…</Trans>}</p>}>
        {screen}
      </Suspense>
    </TabBoundary>
  );
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
    <I18nRoot>
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
              <Route
                path="agent"
                element={tab(<AgentScreen />, <Trans>Loading the agent workspace…</Trans>)}
              />
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
    </I18nRoot>
  );
}
