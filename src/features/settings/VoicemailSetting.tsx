import { useEffect, useId, type ChangeEvent } from 'react';
import { useVoicemailSettingsStore } from '../../stores/voicemail-settings-instance';
import { GREETING_FORMAT_HINT, voicemailGreetingUrl } from '../../stores/voicemail-settings';

const SECONDS = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120];

/** Settings → Voicemail (signed in): after how long unanswered calls go to voicemail, and the greeting. */
export function VoicemailSetting() {
  const { settings, busy, error, greetingVersion, load, save, upload, restoreDefaultGreeting } =
    useVoicemailSettingsStore();
  const id = useId();

  useEffect(() => {
    void load();
  }, [load]);

  if (!settings) {
    return error ? (
      <p className="settings-error" role="alert">
        {error}
      </p>
    ) : (
      <p className="field-hint">Loading…</p>
    );
  }

  const defaultS = Math.round(settings.defaultNoAnswerMs / 1000);
  const value = !settings.enabled
    ? 'off'
    : settings.noAnswerS === null
      ? 'default'
      : String(settings.noAnswerS);
  const choices =
    settings.noAnswerS !== null && !SECONDS.includes(settings.noAnswerS)
      ? [...SECONDS, settings.noAnswerS].sort((a, b) => a - b)
      : SECONDS;
  const onTime = (e: ChangeEvent<HTMLSelectElement>) => {
    const v = e.target.value;
    if (v === 'off') return void save(false, settings.noAnswerS);
    void save(true, v === 'default' ? null : Number(v));
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void upload(file);
  };
  const custom = settings.greeting === 'custom';

  return (
    <div className="settings-voicemail">
      <div className="field">
        <label htmlFor={`${id}-after`} className="field-label">
          Send unanswered calls to voicemail after
        </label>
        <select
          id={`${id}-after`}
          className="field-input"
          value={value}
          disabled={busy}
          onChange={onTime}
          data-testid="voicemail-after"
        >
          <option value="default">{defaultS} seconds (server default)</option>
          {choices.map((s) => (
            <option key={s} value={String(s)}>
              {s} seconds
            </option>
          ))}
          <option value="off">Never: voicemail off</option>
        </select>
        <p className="field-hint">
          {settings.enabled
            ? 'Also when you decline with Busy or are not signed in anywhere.'
            : 'Calls you do not answer end without a message.'}
        </p>
      </div>

      <div className="field settings-greeting" role="group" aria-labelledby={`${id}-greeting`}>
        <p id={`${id}-greeting`} className="field-label">
          Greeting:{' '}
          <span data-testid="voicemail-greeting">{custom ? 'your own recording' : 'the default chime'}</span>
        </p>
        <audio
          key={greetingVersion}
          controls
          preload="none"
          src={`${voicemailGreetingUrl}?v=${greetingVersion}`}
          aria-label={custom ? 'Play your greeting' : 'Play the default greeting'}
        />
        <label htmlFor={`${id}-file`} className="field-label">
          Upload your own greeting
        </label>
        <input
          id={`${id}-file`}
          type="file"
          className="field-input"
          accept=".ogg,.opus,audio/ogg"
          disabled={busy}
          aria-describedby={`${id}-file-hint`}
          onChange={onFile}
        />
        <p id={`${id}-file-hint`} className="field-hint">
          {GREETING_FORMAT_HINT}, at most 1 MiB. Callers hear it before the beep.
        </p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || !custom}
          onClick={() => void restoreDefaultGreeting()}
        >
          Use the default greeting
        </button>
      </div>
      {error && (
        <p className="settings-error" role="alert" data-testid="voicemail-settings-error">
          {error}
        </p>
      )}
    </div>
  );
}
