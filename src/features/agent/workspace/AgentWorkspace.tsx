import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import { useAgentDefinitionsRevision } from '../../../stores/agent-definitions';
import { agentWorkspace } from '../../../stores/agent-workspace-instance';
import { Slot, useSlotFilled } from '../../../ui/slots';
import { AgentFormView } from '../../../ui/forms/AgentFormView';
import { LeadCard } from './LeadCard';
import { ServerButtons } from './ServerButtons';
import { TracePanel } from './TracePanel';
import './workspace.css';

const { useStore } = agentWorkspace;

function WorkspaceBody() {
  const state = useStore();
  const busy = state.busy !== null;
  return (
    <>
      {state.campaignError ? (
        <p className="agent-problem" role="alert">
          <Trans>Campaign: {state.campaignError}</Trans>
        </p>
      ) : state.campaign ? (
        <LeadCard
          campaign={state.campaign}
          busy={busy}
          onRun={(fn, source) => void agentWorkspace.run(fn, source)}
        />
      ) : (
        <p className="agent-muted">
          <Trans>Loading the campaign…</Trans>
        </p>
      )}

      <h3 className="agent-subtitle">
        <Trans>Actions</Trans>
      </h3>
      {state.buttonsStatus === 'error' ? (
        <p className="agent-problem" role="alert">
          <Trans>Buttons: {state.buttonsError}</Trans>{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void agentWorkspace.load()}
          >
            <Trans>Retry</Trans>
          </button>
        </p>
      ) : (
        <ServerButtons
          buttons={state.buttons}
          busy={state.busy}
          onPress={(b) => void agentWorkspace.press(b)}
        />
      )}
      {state.lastResult && state.lastResult.status !== 'ok' && (
        <p className="agent-status" role="status">
          {state.lastResult.message}
        </p>
      )}

      {state.form && (
        <AgentFormView
          form={state.form}
          errors={state.formErrors}
          message={state.formMessage}
          busy={busy}
          onChange={agentWorkspace.setValue}
          onSubmit={() => void agentWorkspace.submit()}
          onClose={agentWorkspace.closeForm}
        />
      )}

      <TracePanel entries={state.trace} onClear={agentWorkspace.clearTrace} />
    </>
  );
}

/**
 * Preview dialer, the company's server-driven buttons and forms, and the action trace. While the
 * shell shows a call view over the tabs, the workspace moves to the shell's side panel beside it, so
 * the agent keeps working the campaign while talking.
 */
export function AgentWorkspace() {
  const callOpen = useSlotFilled('call');
  const definitions = useAgentDefinitionsRevision((s) => s.revision);
  const { t } = useLingui();

  useEffect(() => {
    void agentWorkspace.load();
  }, []);
  // An admin changed the buttons or forms: show the new buttons without a reload.
  useEffect(() => {
    if (definitions > 0) void agentWorkspace.loadButtons();
  }, [definitions]);

  return (
    <section className="agent-panel agent-workspace" aria-labelledby="agent-workspace-title">
      <h2 id="agent-workspace-title">
        <Trans>Campaign</Trans>
      </h2>
      {callOpen ? (
        <>
          <p className="agent-muted">
            <Trans>The workspace is docked beside the call.</Trans>
          </p>
          <Slot name="side">
            <aside className="agent-dock" aria-label={t`Agent workspace`}>
              <h2 className="agent-dock-title">
                <Trans>Campaign</Trans>
              </h2>
              <WorkspaceBody />
            </aside>
          </Slot>
        </>
      ) : (
        <WorkspaceBody />
      )}
    </section>
  );
}
