import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  EMPTY_CONTACT_FORM,
  formFromPerson,
  validateContactForm,
  type ContactFormErrors,
  type ContactFormValues,
} from '../../lib/contacts/form';
import { CHANNELS, PHONE_LABELS, type Channel } from '../../lib/contacts/model';
import { errorMessage } from '../../lib/errors';
import { formatCount } from '../../i18n';
import { contacts } from '../../stores/contacts-instance';
import { Screen } from '../../ui/Screen';
import { ContactTextField } from './ContactTextField';
import { channelName, phoneLabelName } from './kind-names';
import { LabelledRowsFieldset } from './LabelledRowsFieldset';
import { personPath } from './paths';
import './contacts.css';

const { useStore } = contacts;

function prefilled(params: URLSearchParams): ContactFormValues {
  return {
    ...EMPTY_CONTACT_FORM,
    name: params.get('name') ?? '',
    phones: [{ label: 'mobile', number: params.get('tel') ?? '' }],
    sip: params.get('sip') ?? '',
  };
}

/** Routes `/contacts/new` (prefilled from `?tel=&name=&sip=`) and `/contacts/:id/edit`. */
export function ContactEditScreen() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const region = useStore((s) => s.region);
  const formId = useId();
  const existing = id ? contacts.index().get(id) : undefined;
  const [values, setValues] = useState<ContactFormValues>(() =>
    existing ? formFromPerson(existing, region) : prefilled(params),
  );
  const [errors, setErrors] = useState<ContactFormErrors>({});
  const [saveError, setSaveError] = useState<MessageDescriptor | null>(null);
  const { i18n, t } = useLingui();
  if (id && (!existing || existing.source !== 'local')) return <Navigate to="/contacts" replace />;

  const name = existing?.name ?? '';
  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateContactForm(values, region);
    if (!checked.ok) {
      setErrors(checked.errors);
      // Move focus to the first field that needs attention.
      const first = Object.keys(checked.errors)[0];
      document.getElementById(`${formId}-${first?.replace('.', '-')}`)?.focus();
      return;
    }
    setErrors({});
    try {
      const saved = await contacts.save(existing?.id ?? null, checked.draft);
      void navigate(personPath(`local:${saved.id}`), { replace: true });
    } catch (e) {
      const reason = errorMessage(e);
      setSaveError(msg`Could not save the contact: ${reason}`);
    }
  };

  return (
    <Screen title={existing ? t`Edit ${name}` : t`New contact`} className="contact-edit">
      <form
        className="contact-form"
        noValidate
        onSubmit={(e) => void submit(e)}
        aria-label={t({ message: 'Contact', context: 'form' })}
      >
        <ContactTextField
          id={`${formId}-name`}
          label={t`Name`}
          value={values.name}
          error={errors.name}
          onChange={(v) => set('name', v)}
          autoComplete="name"
        />
        <ContactTextField
          id={`${formId}-organization`}
          label={t`Organisation`}
          value={values.organization}
          error={errors.organization}
          onChange={(v) => set('organization', v)}
          autoComplete="organization"
        />
        <LabelledRowsFieldset
          legend={t`Phone numbers`}
          idPrefix={`${formId}-phones`}
          rows={values.phones}
          kinds={PHONE_LABELS}
          kindOf={(p) => p.label}
          kindName={(label) => phoneLabelName(label, i18n)}
          withKind={(p, label) => ({ ...p, label })}
          valueOf={(p) => p.number}
          withValue={(p, number) => ({ ...p, number })}
          kindLabel={(i) => {
            const number = formatCount(i + 1);
            return t`Label of number ${number}`;
          }}
          valueLabel={(_, i) => {
            const number = formatCount(i + 1);
            return t`Phone number ${number}`;
          }}
          removeLabel={(i) => {
            const number = formatCount(i + 1);
            return t`Remove number ${number}`;
          }}
          addLabel={t`Add number`}
          blankRow={{ label: 'mobile', number: '' }}
          valueType="tel"
          error={errors.phones}
          rowError={(i) => errors[`phones.${i}`]}
          onChange={(rows) => set('phones', rows)}
        />
        <ContactTextField
          id={`${formId}-sip`}
          label={t`SIP address`}
          value={values.sip}
          error={errors.sip}
          onChange={(v) => set('sip', v)}
          hint={t`An extension such as 1002, or user@host.`}
        />
        <ContactTextField
          id={`${formId}-email`}
          label={t`E-mail`}
          type="email"
          value={values.email}
          error={errors.email}
          onChange={(v) => set('email', v)}
          autoComplete="email"
        />
        <LabelledRowsFieldset
          legend={t`Channels`}
          idPrefix={`${formId}-channels`}
          rows={values.channels}
          kinds={CHANNELS}
          kindOf={(c) => c.channel}
          kindName={channelName}
          withKind={(c, channel) => ({ ...c, channel: channel as Channel })}
          valueOf={(c) => c.id}
          withValue={(c, id) => ({ ...c, id })}
          kindLabel={(i) => {
            const number = formatCount(i + 1);
            return t`Channel ${number}`;
          }}
          valueLabel={(c) => {
            const channel = channelName(c.channel);
            return t`${channel} ID`;
          }}
          removeLabel={(i) => {
            const number = formatCount(i + 1);
            return t`Remove channel ${number}`;
          }}
          addLabel={t`Add channel`}
          blankRow={{ channel: 'whatsapp', id: '' }}
          rowError={(i) => errors[`channels.${i}`]}
          onChange={(rows) => set('channels', rows)}
        />
        <ContactTextField
          id={`${formId}-notes`}
          label={t`Notes`}
          multiline
          value={values.notes}
          error={errors.notes}
          onChange={(v) => set('notes', v)}
        />
        <label className="contact-check">
          <input
            type="checkbox"
            checked={values.favorite}
            onChange={(e) => set('favorite', e.target.checked)}
          />{' '}
          <Trans>Favourite</Trans>
        </label>
        {Object.keys(errors).length > 0 && (
          <p className="field-error" role="alert">
            <Trans>Check the highlighted fields.</Trans>
          </p>
        )}
        {saveError && (
          <p className="field-error" role="alert">
            {i18n._(saveError)}
          </p>
        )}
        <div className="contact-actions">
          <button type="submit" className="button button-primary">
            <Trans>Save</Trans>
          </button>
          <button type="button" className="button button-secondary" onClick={() => void navigate(-1)}>
            <Trans>Cancel</Trans>
          </button>
        </div>
      </form>
    </Screen>
  );
}
