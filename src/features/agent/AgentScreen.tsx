import { WebcallPanel } from './webcall/WebcallPanel';
import { AgentWorkspace } from './workspace/AgentWorkspace';
import './agent.css';

/** Route `/agent`: the agent workspace (lead, server buttons and forms) and the webcall link panel. */
export function AgentScreen() {
  return (
    <section className="screen agent-screen" aria-labelledby="agent-title">
      <h1 id="agent-title" className="screen-title">
        Agent
      </h1>
      <div className="agent-panels">
        <AgentWorkspace />
        <WebcallPanel />
      </div>
    </section>
  );
}
