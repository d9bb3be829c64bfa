import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AgentScreen } from '../features/agent/AgentScreen';
import { ContactsScreen } from '../features/contacts/ContactsScreen';
import { DialpadScreen } from '../features/dialpad/DialpadScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { VoicemailScreen } from '../features/voicemail/VoicemailScreen';
import { Layout } from './Layout';
import { RootRedirect } from './RootRedirect';
import { useAppStartup } from './useAppStartup';

export function App() {
  useAppStartup();
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<RootRedirect />} />
          <Route path="dialpad" element={<DialpadScreen />} />
          <Route path="history" element={<HistoryScreen />} />
          <Route path="contacts" element={<ContactsScreen />} />
          <Route path="voicemail" element={<VoicemailScreen />} />
          <Route path="agent" element={<AgentScreen />} />
          <Route path="settings" element={<SettingsScreen />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
