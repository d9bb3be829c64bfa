import { useState } from 'react';
import { clearSipTrace, sipTraceText, useSipTrace } from '../../stores/sip-trace';

/**
 * Settings → Support log (issue 13): the SIP messages traced since `*#0*#` on the dialpad turned
 * debug mode on, secrets masked, to copy or download for support. Shown while there is a trace.
 */
export function SupportLogSetting() {
  const enabled = useSipTrace((s) => s.enabled);
  const entries = useSipTrace((s) => s.entries);
  const [notice, setNotice] = useState('');
  if (!enabled && entries.length === 0) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sipTraceText());
      setNotice('Copied the support log.');
    } catch {
      setNotice('Could not copy: select the text and copy it instead.');
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
        Support log
      </h2>
      <p className="field-hint">
        SIP trace is {enabled ? 'on' : 'off'} (type *#0*# on the dialpad to switch it). Passwords, digest
        responses and nonces are masked. {entries.length} message{entries.length === 1 ? '' : 's'}.
      </p>
      <pre className="support-log" tabIndex={0} aria-label="SIP messages" data-testid="support-log">
        {entries
          .map((e) => `--- ${new Date(e.at).toLocaleTimeString()} ${e.direction}\n${e.text}\n`)
          .join('\n')}
      </pre>
      <div className="settings-actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button button-secondary" onClick={download}>
          Download .txt
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => (clearSipTrace(), setNotice('Cleared.'))}
        >
          Clear
        </button>
      </div>
      <p role="status" className="field-hint">
        {notice}
      </p>
    </section>
  );
}
