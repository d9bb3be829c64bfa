import { plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatNumber } from '../../lib/contacts/numbers';
import { contacts } from '../../stores/contacts-instance';
import { EmptyState } from '../../ui/EmptyState';
import { Screen } from '../../ui/Screen';
import { ContactsTools } from './ContactsTools';
import { personPath } from './paths';
import './contacts.css';

const ROW_HEIGHT = 60;
const { useStore } = contacts;

/** `/contacts?find=<number or SIP user>` (from History): the matching contact, else a prefilled form. */
function useFindRedirect(): boolean {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const find = params.get('find');
  const version = useStore((s) => s.version);
  const region = useStore((s) => s.region);
  useEffect(() => {
    if (!find) return;
    const person = contacts.index().lookup(find, region);
    if (person) return void navigate(personPath(person.key), { replace: true });
    const prefill = /@|^sips?:/i.test(find)
      ? `sip=${encodeURIComponent(find)}`
      : `tel=${encodeURIComponent(find)}`;
    void navigate(`/contacts/new?${prefill}`, { replace: true });
  }, [find, navigate, region, version]);
  return find !== null;
}

/** Route `/contacts`: local contacts and the company directory, searchable, favourites first. */
export function ContactsScreen() {
  const finding = useFindRedirect();
  const [query, setQuery] = useState('');
  const version = useStore((s) => s.version);
  const region = useStore((s) => s.region);
  const account = useStore((s) => s.account);
  const people = useMemo(() => contacts.index().search(query), [query, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const scroller = useRef<HTMLDivElement>(null);
  const { t } = useLingui();
  const rows = useVirtualizer({
    count: people.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  if (finding) return null;
  return (
    <Screen title={t({ message: 'Contacts', context: 'screen title' })} className="contacts-screen">
      <div className="contacts-bar">
        <label className="visually-hidden" htmlFor="contacts-search">
          <Trans>Search contacts</Trans>
        </label>
        <input
          id="contacts-search"
          className="field-input contacts-search"
          type="search"
          placeholder={t`Search by name or number`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Link className="button button-primary" to="/contacts/new">
          <Trans>New contact</Trans>
        </Link>
      </div>
      <ContactsTools />
      {!account ? (
        <EmptyState>
          <Trans>Sign in to see your contacts and the company directory.</Trans>
        </EmptyState>
      ) : people.length === 0 ? (
        <EmptyState>
          {query ? (
            <Trans>
              No contact matches “<bdi>{query}</bdi>”.
            </Trans>
          ) : (
            <Trans>No contacts yet. Add one, or import a vCard file.</Trans>
          )}
        </EmptyState>
      ) : (
        <div ref={scroller} className="contacts-scroller" data-testid="contacts-list">
          <ul
            className="contacts-list"
            style={{ height: rows.getTotalSize() }}
            aria-label={plural(people.length, { one: '# contact', other: '# contacts' })}
          >
            {rows.getVirtualItems().map((row) => {
              const person = people[row.index]!;
              const first = person.phones[0];
              return (
                <li
                  key={person.key}
                  className="contacts-row"
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                >
                  <Link className="contacts-row-link" to={personPath(person.key)}>
                    {/* The badge goes with the name, usually the shorter line: the number is not cut for it. */}
                    <span className="contacts-row-name">
                      <span className="contacts-row-text">
                        {person.favorite && <span aria-label={t`Favourite`}>★ </span>}
                        {/* The person's own data, not interface text (data-i18n-data: the Arabic e2e). */}
                        <bdi data-i18n-data>{person.name}</bdi>
                      </span>
                      {person.source === 'directory' && (
                        <span className="contacts-badge">
                          <Trans>Directory</Trans>
                        </span>
                      )}
                    </span>
                    <span className="contacts-row-detail">
                      <bdi data-i18n-data>
                        {[person.organization, first ? formatNumber(first.number, region) : person.sip]
                          .filter(Boolean)
                          .join(' · ')}
                      </bdi>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Screen>
  );
}
