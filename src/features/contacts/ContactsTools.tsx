import type { MessageDescriptor } from '@lingui/core';
import { msg, plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useRef, useState } from 'react';
import { contacts } from '../../stores/contacts-instance';
import { pickFromDevice, supportsContactPicker } from './contact-picker';

const { useStore } = contacts;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/vcard;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Directory refresh, vCard import/export and the device's Contact Picker. */
export function ContactsTools() {
  const sync = useStore((s) => s.sync);
  const account = useStore((s) => s.account);
  const file = useRef<HTMLInputElement>(null);
  // The import's outcome: ours translated on screen (follows a change of language), the parser's error as it came.
  const [note, setNote] = useState<{ text: MessageDescriptor | string; error: boolean } | null>(null);
  const { i18n, t } = useLingui();

  const importText = async (text: string) => {
    const result = await contacts.importVcards(text);
    setNote(
      result.ok
        ? {
            text: msg({
              message: plural(result.count, { one: 'Imported # contact.', other: 'Imported # contacts.' }),
            }),
            error: false,
          }
        : { text: result.error, error: true },
    );
  };

  return (
    <div className="contacts-tools">
      <button
        type="button"
        className="button button-secondary"
        disabled={!account || sync.status === 'syncing'}
        onClick={() => void contacts.syncDirectory()}
      >
        {sync.status === 'syncing' ? t`Updating directory…` : t`Refresh directory`}
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={!account}
        onClick={() => file.current?.click()}
      >
        <Trans>Import vCard</Trans>
      </button>
      <input
        ref={file}
        type="file"
        accept=".vcf,text/vcard,text/x-vcard"
        hidden
        aria-label={t`vCard file to import`}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) void chosen.text().then(importText);
        }}
      />
      <button
        type="button"
        className="button button-secondary"
        disabled={!account}
        onClick={() => void contacts.exportVcards('4.0').then((text) => download('contacts.vcf', text))}
      >
        <Trans>Export vCard</Trans>
      </button>
      {supportsContactPicker() && (
        <button
          type="button"
          className="button button-secondary"
          disabled={!account}
          onClick={() => void pickFromDevice().then((text) => (text ? importText(text) : undefined))}
        >
          <Trans>From this device</Trans>
        </button>
      )}
      {sync.error && (
        <p className="contacts-note contacts-note-error" role="alert">
          {sync.error}
        </p>
      )}
      {note && (
        <p
          className={note.error ? 'contacts-note contacts-note-error' : 'contacts-note'}
          role={note.error ? 'alert' : 'status'}
        >
          {typeof note.text === 'string' ? note.text : i18n._(note.text)}
        </p>
      )}
    </div>
  );
}
