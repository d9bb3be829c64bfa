import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { useId, useState, type FormEvent } from 'react';
import type { CreateInput } from '../../../stores/webcall-agent';
import { webcallAgent } from '../../../stores/webcall-agent-instance';
import { takeWebcallIntent } from '../../../stores/webcall-intent';
import type { CallMedia } from '../../../webcall/payload';

const EXPIRY_CHOICES = [
  { label: msg`15 minutes`, seconds: 15 * 60 },
  { label: msg`1 hour`, seconds: 3600 },
  { label: msg`4 hours`, seconds: 4 * 3600 },
  { label: msg`24 hours`, seconds: 24 * 3600 },
  { label: msg`7 days`, seconds: 7 * 24 * 3600 },
];

export function CreateLinkForm({ busy, onCreate }: { busy: boolean; onCreate(input: CreateInput): void }) {
  const id = useId();
  const { t, i18n } = useLingui();
  const [media, setMedia] = useState<CallMedia>('video');
  // "Send webcall link" on a contact opens this form prefilled (once per request).
  const [intent] = useState(takeWebcallIntent);
  const [customerName, setCustomerName] = useState(intent?.customerName ?? '');
  const [ticket, setTicket] = useState('');
  const [phone, setPhone] = useState(intent?.phone ?? '');
  const [password, setPassword] = useState('');
  const [expiresInS, setExpiresInS] = useState(3600);
  const ticketInvalid = ticket !== '' && !/^[A-Za-z0-9._-]*$/.test(ticket.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || ticketInvalid) return;
    onCreate({ customerName, ticket, phone, password, expiresInS, media });
  };

  return (
    <form className="webcall-form" onSubmit={submit} aria-label={t`New call link`}>
      <fieldset className="webcall-media">
        <legend className="field-label">{t`Call type`}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-media`}
            value="video"
            checked={media === 'video'}
            onChange={() => setMedia('video')}
          />
          {t`Video`}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-media`}
            value="audio"
            checked={media === 'audio'}
            onChange={() => setMedia('audio')}
          />
          {t`Audio only`}
        </label>
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          {t`Customer name`}
        </label>
        <input
          id={`${id}-name`}
          className="field-input"
          value={customerName}
          maxLength={80}
          onChange={(e) => setCustomerName(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-ticket`}>
          {t`Ticket or reference`}
        </label>
        <input
          id={`${id}-ticket`}
          className="field-input"
          value={ticket}
          maxLength={64}
          aria-invalid={ticketInvalid || undefined}
          aria-describedby={ticketInvalid ? `${id}-ticket-error` : undefined}
          onChange={(e) => setTicket(e.target.value)}
        />
        {ticketInvalid && (
          <p id={`${id}-ticket-error`} className="field-error">
            {t`Use letters, digits, “.”, “_” or “-”.`}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-phone`}>
          {t`Customer phone (for SMS or WhatsApp)`}
        </label>
        <input
          id={`${id}-phone`}
          className="field-input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-password`}>
          {t`Password (optional)`}
        </label>
        <p id={`${id}-password-hint`} className="field-hint">
          {t`Encrypts the link in this browser; the password is never sent to the server.`}
        </p>
        <div className="webcall-inline">
          <input
            id={`${id}-password`}
            className="field-input"
            value={password}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-password-hint`}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setPassword(webcallAgent.suggestPassword())}
          >
            {t({ message: 'Suggest', context: 'password' })}
          </button>
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-expiry`}>
          {t`Link expires after`}
        </label>
        <select
          id={`${id}-expiry`}
          className="field-input"
          value={expiresInS}
          onChange={(e) => setExpiresInS(Number(e.target.value))}
        >
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.seconds} value={c.seconds}>
              {i18n._(c.label)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={busy || ticketInvalid}>
        {busy ? t`Creating…` : t`Create link`}
      </button>
    </form>
  );
}
