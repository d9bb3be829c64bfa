import { plural } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, type ChangeEvent } from 'react';
import { useVoicemailSettingsStore } from '../../stores/voicemail-settings-instance';
import { GREETING_MAX_SECONDS, voicemailGreetingUrl } from '../../stores/voicemail-settings';

const SECONDS = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120];

/** Settings → Voicemail (signed in): after how long unanswered calls go to voicemail, and the greeting. */
export function VoicemailSetting() {
  const { t } = useLingui();
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
      <p className="field-hint">
        <Trans>Loading…</Trans>
      </p>
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
  const greetingSeconds = GREETING_MAX_SECONDS;

  return (
    <div className="settings-voicemail">
      <div className="field">
        <label htmlFor={`${id}-after`} className="field-label">
          <Trans>Send unanswered calls to voicemail after</Trans>
        </label>
        <select
          id={`${id}-after`}
          className="field-input"
          value={value}
          disabled={busy}
          onChange={onTime}
          data-testid="voicemail-after"
        >
          <option value="default">
            {plural(defaultS, { one: '# second (server default)', other: '# seconds (server default)' })}
          </option>
          {choices.map((s) => (
            <option key={s} value={String(s)}>
              {plural(s, { one: '# second', other: '# seconds' })}
            </option>
          ))}
          <option value="off">{t`Never: voicemail off`}</option>
        </select>
        <p className="field-hint">
          {settings.enabled
            ? t`Also when you decline with Busy or are not signed in anywhere.`
            : t`Calls you do not answer end without a message.`}
        </p>
      </div>

      <div className="field settings-greeting" role="group" aria-labelledby={`${id}-greeting`}>
        <p id={`${id}-greeting`} className="field-label">
          {custom ? (
            <Trans>
              Greeting: <span data-testid="voicemail-greeting">your own recording</span>
            </Trans>
          ) : (
            <Trans>
              Greeting: <span data-testid="voicemail-greeting">the default chime</span>
            </Trans>
          )}
        </p>
        <audio
          key={greetingVersion}
          controls
          preload="none"
          src={`${voicemailGreetingUrl}?v=${greetingVersion}`}
          aria-label={custom ? t`Play your greeting` : t`Play the default greeting`}
        />
        <label htmlFor={`${id}-file`} className="field-label">
          <Trans>Upload your own greeting</Trans>
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
          <Trans>
            Use an Ogg Opus file (.ogg/.opus), up to {greetingSeconds} s, at most 1 MiB. Callers hear it
            before the beep.
          </Trans>
        </p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || !custom}
          onClick={() => void restoreDefaultGreeting()}
        >
          <Trans>Use the default greeting</Trans>
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
