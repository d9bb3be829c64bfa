/** Route `/contacts`: the company phonebook (not built yet: honest empty state). */
export function ContactsScreen() {
  return (
    <section className="screen empty-screen" aria-labelledby="contacts-title">
      <h1 id="contacts-title" className="screen-title">
        Contacts
      </h1>
      <div className="empty-state">
        <p className="empty-state-text">Contacts will appear here once your company phonebook is synced.</p>
      </div>
    </section>
  );
}
