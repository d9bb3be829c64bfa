/** Route `/agent`: agent workspace (not built yet: honest empty state). */
export function AgentScreen() {
  return (
    <section className="screen empty-screen" aria-labelledby="agent-title">
      <h1 id="agent-title" className="screen-title">
        Agent
      </h1>
      <div className="empty-state">
        <p className="empty-state-text">
          Agent tools will appear here: the preview dialer, call links for customers and your company’s
          buttons and forms.
        </p>
      </div>
    </section>
  );
}
