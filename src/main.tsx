import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startApp } from './app/useAppStartup';
import './app/theme.css';
import './ui/controls.css';
import './ui/screen.css';
import './app/layout.css';

const root = document.getElementById('root');
if (!root) throw new Error('Openline: #root is missing from index.html');

startApp(); // before the first render: registration does not wait for React
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
