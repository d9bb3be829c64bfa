import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { formatNumber } from '../../lib/contacts/numbers';
import type { Person } from '../../lib/contacts/model';
import { contacts } from '../../stores/contacts-instance';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { requestWebcallLink } from '../../stores/webcall-intent';
import { chatPath } from '../../lib/sw-messages';
import { Screen } from '../../ui/Screen';
import { editPath } from './paths';
import './contacts.css';

const { useStore } = contacts;

/** What to dial for a person: the first number, else the SIP address. */
function dialTarget(person: Person): string {
  return person.phones[0]?.number ?? person.sip;
}

/** Route `/contacts/:id`: one person, with call, video, webcall link, SMS and WhatsApp. */
export function ContactDetailScreen() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  useStore((s) => s.version);
  const region = useStore((s) => s.region);
  const [confirming, setConfirming] = useState(false);
  const person = contacts.index().get(id);
  if (!person) return <Navigate to="/contacts" replace />;

  const target = dialTarget(person);
  const mobile = person.phones.find((p) => p.number.startsWith('+'));
  const whatsapp =
    person.channels.find((c) => c.channel === 'whatsapp')?.id ?? mobile?.number.replace(/\D/g, '');
  const call = (video: boolean) => void phoneBridge.dial(target, video);

  return (
    <Screen title={person.name} className="contact-detail">
      {person.organization && <p className="contact-org">{person.organization}</p>}
      {person.source === 'directory' && (
        <p className="contacts-note">From the company directory (read-only).</p>
      )}
      {person.alsoInDirectory && <p className="contacts-note">Also in the company directory.</p>}
      <div className="contact-actions">
        <button type="button" className="button button-answer" disabled={!target} onClick={() => call(false)}>
          Audio call
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={!target}
          onClick={() => call(true)}
        >
          Video call
        </button>
        {(person.sip || target) && (
          <Link className="button button-secondary" to={chatPath(person.sip || target)}>
            Message
          </Link>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            requestWebcallLink({ customerName: person.name, phone: mobile?.number ?? '' });
            void navigate('/agent');
          }}
        >
          Send webcall link
        </button>
        {mobile && (
          <a className="button button-secondary" href={`sms:${mobile.number}`}>
            SMS
          </a>
        )}
        {whatsapp && (
          <a
            className="button button-secondary"
            href={`https://wa.me/${whatsapp}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            WhatsApp
          </a>
        )}
      </div>
      <dl className="contact-fields">
        {person.phones.map((p) => (
          <div key={p.number}>
            <dt>{p.label}</dt>
            <dd>{formatNumber(p.number, region)}</dd>
          </div>
        ))}
        {person.sip && (
          <div>
            <dt>SIP</dt>
            <dd>{person.sip}</dd>
          </div>
        )}
        {person.email && (
          <div>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </div>
        )}
        {person.channels.map((c) => (
          <div key={`${c.channel}:${c.id}`}>
            <dt>{c.channel}</dt>
            <dd>{c.id}</dd>
          </div>
        ))}
        {person.notes && (
          <div>
            <dt>Notes</dt>
            <dd className="contact-notes">{person.notes}</dd>
          </div>
        )}
      </dl>
      <div className="contact-actions">
        {person.source === 'local' ? (
          <>
            <Link className="button button-secondary" to={editPath(person.key)}>
              Edit
            </Link>
            {confirming ? (
              <button
                type="button"
                className="button button-danger"
                onClick={() =>
                  void contacts.remove(person.id).then(() => navigate('/contacts', { replace: true }))
                }
              >
                Really delete {person.name}
              </button>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                Delete
              </button>
            )}
          </>
        ) : (
          <Link
            className="button button-secondary"
            to={`/contacts/new?name=${encodeURIComponent(person.name)}&${person.sip ? `sip=${encodeURIComponent(person.sip)}` : `tel=${encodeURIComponent(target)}`}`}
          >
            Save as my contact
          </Link>
        )}
        <Link className="button button-secondary" to="/contacts">
          All contacts
        </Link>
      </div>
    </Screen>
  );
}
