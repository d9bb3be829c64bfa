import { httpAgentApi } from './agent-api';
import { createAgentWorkspace } from './agent-workspace';
import { phoneBridge } from './phone-bridge-instance';

/** The app's one agent workspace (runner, ports and store). */
export const agentWorkspace = createAgentWorkspace({
  api: httpAgentApi,
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
