import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Plural, Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { clearSipTrace, sipTraceText, useSipTrace } from '../../stores/sip-trace';

/**
 * Settings → Support log (issue 13): the SIP messages traced since `*#0*#` on the dialpad turned
 * debug mode on, secrets masked, to copy or download for support. Shown while there is a trace.
 */
export function SupportLogSetting() {
  const { t, i18n } = useLingui();
  const enabled = useSipTrace((s) => s.enabled);
  const entries = useSipTrace((s) => s.entries);
  const [notice, setNotice] = useState<MessageDescriptor | null>(null);
  if (!enabled && entries.length === 0) return null;
  const count = entries.length;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sipTraceText());
      setNotice(msg`Copied the support log.`);
    } catch {
      setNotice(msg`Could not copy: select the text and copy it instead.`);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([sipTraceText()], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `openline-sip-trace-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section className="settings-group" aria-labelledby="support-log-title">
      <h2 id="support-log-title" className="settings-group-title">
        <Trans>Support log</Trans>
      </h2>
      <p className="field-hint">
        {enabled
          ? t`SIP trace is on (type *#0*# on the dialpad to switch it off).`
          : t`SIP trace is off (type *#0*# on the dialpad to switch it on).`}{' '}
        <Trans>Passwords, digest responses and nonces are masked.</Trans>{' '}
        <Plural value={count} one="# message." other="# messages." />
      </p>
      <pre className="support-log" tabIndex={0} aria-label={t`SIP messages`} data-testid="support-log">
        {entries
          .map((e) => `--- ${i18n.date(e.at, { timeStyle: 'medium' })} ${e.direction}\n${e.text}\n`)
          .join('\n')}
      </pre>
      <div className="settings-actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          <Trans>Copy</Trans>
        </button>
        <button type="button" className="button button-secondary" onClick={download}>
          <Trans>Download .txt</Trans>
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => (clearSipTrace(), setNotice(msg`Cleared.`))}
        >
          <Trans>Clear</Trans>
        </button>
      </div>
      <p role="status" className="field-hint">
        {notice ? i18n._(notice) : ''}
      </p>
    </section>
  );
}
