/** Preview dialer, server-driven buttons and forms (issue: agent workspace). Not built yet. */
export function AgentWorkspace() {
  return (
    <section className="agent-panel" aria-labelledby="agent-workspace-title">
      <h2 id="agent-workspace-title">Campaign</h2>
      <p className="empty-state-text">The preview dialer and your company’s buttons and forms will appear here.</p>
    </section>
  );
}
