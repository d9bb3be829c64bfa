import { useLingui } from '@lingui/react/macro';
import { Screen } from '../../ui/Screen';
import { ConversationsPanel } from './conversations/ConversationsPanel';
import { WebcallPanel } from './webcall/WebcallPanel';
import { AgentWorkspace } from './workspace/AgentWorkspace';
import './agent.css';

/** Route `/agent`: the agent workspace (lead, server buttons and forms) the webcall link panel and channel conversations. */
export function AgentScreen() {
  const { t } = useLingui();
  return (
    <Screen title={t`Agent`} className="agent-screen">
      <div className="agent-panels">
        <AgentWorkspace />
        <WebcallPanel />
        <ConversationsPanel />
      </div>
    </Screen>
  );
}
