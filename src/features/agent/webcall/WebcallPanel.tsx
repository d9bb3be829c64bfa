/** Create and send a webcall link for a customer (issue: webcall fallback). Not built yet. */
export function WebcallPanel() {
  return (
    <section className="agent-panel" aria-labelledby="agent-webcall-title">
      <h2 id="agent-webcall-title">Webcall</h2>
      <p className="empty-state-text">Call links for customers will appear here.</p>
    </section>
  );
}
