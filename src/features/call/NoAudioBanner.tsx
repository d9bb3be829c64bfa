import { Trans } from '@lingui/react/macro';
import type { AudioAlarms } from '../../stores/call-quality';

interface NoAudioBannerProps {
  alarms: AudioAlarms;
  name: string;
  /** Opens the device menu (to pick another microphone). */
  onChooseMicrophone(): void;
}

/** What the no-audio detector found, with what to try; it disappears when audio returns. */
export function NoAudioBanner({ alarms, name, onChooseMicrophone }: NoAudioBannerProps) {
  if (!alarms.noInbound && !alarms.micSilent) return null;
  return (
    <div className="call-no-audio" role="alert" data-testid="no-audio-banner">
      {alarms.noInbound && (
        <p>
          <Trans>
            No audio from {name} for 3 seconds. Check that they are not muted, and your connection; the call
            is still up.
          </Trans>
        </p>
      )}
      {alarms.micSilent && (
        <p>
          <Trans>Your microphone seems silent.</Trans>{' '}
          <button type="button" className="call-link-button" onClick={onChooseMicrophone}>
            <Trans>Choose another microphone</Trans>
          </button>
        </p>
      )}
    </div>
  );
}
