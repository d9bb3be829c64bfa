/** Route `/history`: recent calls (not built yet: honest empty state). */
export function HistoryScreen() {
  return (
    <section className="screen empty-screen" aria-labelledby="history-title">
      <h1 id="history-title" className="screen-title">
        History
      </h1>
      <div className="empty-state">
        <p className="empty-state-text">Call history will appear here after your first call.</p>
      </div>
    </section>
  );
}
