import { Screen } from '../../ui/Screen';
import { WebcallPanel } from './webcall/WebcallPanel';
import { AgentWorkspace } from './workspace/AgentWorkspace';
import './agent.css';

/** Route `/agent`: the agent workspace (lead, server buttons and forms) and the webcall link panel. */
export function AgentScreen() {
  return (
    <Screen title="Agent" className="agent-screen">
      <div className="agent-panels">
        <AgentWorkspace />
        <WebcallPanel />
      </div>
    </Screen>
  );
}
