import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { getAudioContext } from '../../lib/audio-context';
import { playTestTone } from '../../lib/test-tone';
import { useDevices } from '../../stores/devices';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { DeviceSelect } from '../../ui/DeviceSelect';
import { useLevelMeter } from './useLevelMeter';

/** Settings → Audio and video devices: the four choices, a test sound and a microphone level meter. */
export function DevicesSetting() {
  const { t } = useLingui();
  const { lists, inUse, sinkSupported, error } = useDevices();
  const devices = phoneBridge.devices;
  const [metering, setMetering] = useState(false);
  const [playing, setPlaying] = useState(false);
  const meter = useLevelMeter(metering, inUse.microphone);

  const testSound = () => {
    const ctx = getAudioContext();
    if (!ctx) return;
    setPlaying(true);
    void playTestTone(ctx, inUse.speaker).finally(() => setPlaying(false));
  };

  return (
    <div className="settings-devices">
      {!lists.labelled && (
        <div>
          <p id="devices-access-hint" className="field-hint">
            <Trans>The browser shows device names only after you allow the microphone.</Trans>
          </p>
          <button
            type="button"
            className="button button-secondary"
            aria-describedby="devices-access-hint"
            onClick={() => void devices.requestAccess()}
          >
            <Trans>Allow access to see device names</Trans>
          </button>
        </div>
      )}
      <DeviceSelect
        label={t`Microphone`}
        testId="device-microphone"
        options={lists.microphone}
        value={inUse.microphone}
        onChange={(id) => void devices.choose('microphone', id)}
      />
      <DeviceSelect
        label={t`Camera`}
        testId="device-camera"
        options={lists.camera}
        value={inUse.camera}
        onChange={(id) => void devices.choose('camera', id)}
      />
      {sinkSupported ? (
        <>
          <DeviceSelect
            label={t`Speaker (call audio)`}
            testId="device-speaker"
            options={lists.output}
            value={inUse.speaker}
            onChange={(id) => void devices.choose('speaker', id)}
          />
          <DeviceSelect
            label={t`Ringing device`}
            testId="device-ringer"
            options={lists.output}
            value={inUse.ringer}
            onChange={(id) => void devices.choose('ringer', id)}
          />
        </>
      ) : (
        <p className="field-hint">
          <Trans>
            This browser plays calls and the ringtone on the system’s sound output; choose it in your system’s
            sound settings.
          </Trans>
        </p>
      )}
      <div className="settings-device-tests">
        <button type="button" className="button button-secondary" disabled={playing} onClick={testSound}>
          {playing ? t`Playing test sound…` : t`Play test sound`}
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={metering}
          onClick={() => setMetering((on) => !on)}
        >
          <Trans>Test microphone</Trans>
        </button>
      </div>
      {metering && (
        <div
          className="settings-meter"
          role="meter"
          aria-label={t`Microphone level`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={meter.level}
          data-testid="mic-meter"
        >
          <div className="settings-meter-fill" style={{ inlineSize: `${meter.level}%` }} />
        </div>
      )}
      {(meter.error ?? error) && (
        <p className="field-error" role="alert">
          {meter.error ?? error}
        </p>
      )}
    </div>
  );
}
