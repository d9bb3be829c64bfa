/** Route `/voicemail`: voicemail (not built yet: honest empty state). */
export function VoicemailScreen() {
  return (
    <section className="screen empty-screen" aria-labelledby="voicemail-title">
      <h1 id="voicemail-title" className="screen-title">
        Voicemail
      </h1>
      <div className="empty-state">
        <p className="empty-state-text">Voicemail messages will appear here when callers leave them.</p>
      </div>
    </section>
  );
}
