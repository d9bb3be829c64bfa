import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { formatNumber } from '../../lib/contacts/numbers';
import type { Person } from '../../lib/contacts/model';
import { contacts } from '../../stores/contacts-instance';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { requestWebcallLink } from '../../stores/webcall-intent';
import { chatPath } from '../../lib/sw-messages';
import { Screen } from '../../ui/Screen';
import { channelName, phoneLabelName } from './kind-names';
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
  const { i18n, t } = useLingui();
  const person = contacts.index().get(id);
  if (!person) return <Navigate to="/contacts" replace />;

  const { name } = person;
  const target = dialTarget(person);
  const mobile = person.phones.find((p) => p.number.startsWith('+'));
  const whatsapp =
    person.channels.find((c) => c.channel === 'whatsapp')?.id ?? mobile?.number.replace(/\D/g, '');
  const call = (video: boolean) => void phoneBridge.dial(target, video);
  // Pointing at or focusing a call button prepares that call (ADR 0037), as on the Dialpad: two buttons
  // on a page of their own, so no dwell is needed against a pointer crossing a list.
  const intent = (video: boolean) =>
    target
      ? {
          onFocus: () => phoneBridge.prepareDial(video),
          onPointerEnter: () => phoneBridge.prepareDial(video),
        }
      : {};

  return (
    <Screen title={person.name} className="contact-detail">
      {person.organization && <p className="contact-org">{person.organization}</p>}
      {person.source === 'directory' && (
        <p className="contacts-note">
          <Trans>From the company directory (read-only).</Trans>
        </p>
      )}
      {person.alsoInDirectory && (
        <p className="contacts-note">
          <Trans>Also in the company directory.</Trans>
        </p>
      )}
      <div className="contact-actions">
        <button
          type="button"
          className="button button-answer"
          disabled={!target}
          {...intent(false)}
          onClick={() => call(false)}
        >
          <Trans>Audio call</Trans>
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={!target}
          {...intent(true)}
          onClick={() => call(true)}
        >
          <Trans>Video call</Trans>
        </button>
        {(person.sip || target) && (
          <Link className="button button-secondary" to={chatPath(person.sip || target)}>
            <Trans>Message</Trans>
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
          <Trans>Send webcall link</Trans>
        </button>
        {mobile && (
          <a className="button button-secondary" href={`sms:${mobile.number}`}>
            {t({ message: 'SMS', context: 'send a text message' })}
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
            <dt>{phoneLabelName(p.label, i18n)}</dt>
            <dd>
              <bdi>{formatNumber(p.number, region)}</bdi>
            </dd>
          </div>
        ))}
        {person.sip && (
          <div>
            <dt>{t({ message: 'SIP', context: 'contact field' })}</dt>
            <dd>
              <bdi>{person.sip}</bdi>
            </dd>
          </div>
        )}
        {person.email && (
          <div>
            <dt>{t`E-mail`}</dt>
            <dd>
              <a href={`mailto:${person.email}`} dir="ltr">
                {person.email}
              </a>
            </dd>
          </div>
        )}
        {person.channels.map((c) => (
          <div key={`${c.channel}:${c.id}`}>
            <dt>{channelName(c.channel)}</dt>
            <dd>
              <bdi>{c.id}</bdi>
            </dd>
          </div>
        ))}
        {person.notes && (
          <div>
            <dt>{t`Notes`}</dt>
            <dd className="contact-notes">{person.notes}</dd>
          </div>
        )}
      </dl>
      <div className="contact-actions">
        {person.source === 'local' ? (
          <>
            <Link className="button button-secondary" to={editPath(person.key)}>
              <Trans>Edit</Trans>
            </Link>
            {confirming ? (
              <button
                type="button"
                className="button button-danger"
                onClick={() =>
                  void contacts.remove(person.id).then(() => navigate('/contacts', { replace: true }))
                }
              >
                <Trans>Really delete {name}</Trans>
              </button>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                <Trans>Delete</Trans>
              </button>
            )}
          </>
        ) : (
          <Link
            className="button button-secondary"
            to={`/contacts/new?name=${encodeURIComponent(person.name)}&${person.sip ? `sip=${encodeURIComponent(person.sip)}` : `tel=${encodeURIComponent(target)}`}`}
          >
            <Trans>Save as my contact</Trans>
          </Link>
        )}
        <Link className="button button-secondary" to="/contacts">
          <Trans>All contacts</Trans>
        </Link>
      </div>
    </Screen>
  );
}
