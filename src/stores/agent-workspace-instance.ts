import { phoneBridge, platformApi } from './phone-bridge-instance';
import { createAgentWorkspace } from './agent-workspace';

/** The app's one agent workspace (runner, ports and store). */
export const agentWorkspace = createAgentWorkspace({
  api: platformApi.agent,
  bridge: phoneBridge,
  browser: {
    origin: window.location.origin,
    openTab: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
    navigateInApp(path) {
      window.history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    },
  },
});
