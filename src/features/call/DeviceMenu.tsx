import { useLingui } from '@lingui/react/macro';
import { useDevices } from '../../stores/devices';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { DeviceSelect } from '../../ui/DeviceSelect';

/** The call view's device menu: switch microphone, camera (video calls) and speaker mid-call. */
export function DeviceMenu({ video, id }: { video: boolean; id: string }) {
  const { t } = useLingui();
  const { lists, inUse, sinkSupported } = useDevices();
  const devices = phoneBridge.devices;
  return (
    <div id={id} className="call-device-menu" role="group" aria-label={t`Devices for this call`}>
      <DeviceSelect
        label={t`Microphone`}
        testId="call-device-microphone"
        options={lists.microphone}
        value={inUse.microphone}
        onChange={(deviceId) => void devices.choose('microphone', deviceId)}
      />
      {video && (
        <DeviceSelect
          label={t`Camera`}
          options={lists.camera}
          value={inUse.camera}
          onChange={(deviceId) => void devices.choose('camera', deviceId)}
        />
      )}
      {sinkSupported && (
        <DeviceSelect
          label={t`Speaker`}
          testId="call-device-speaker"
          options={lists.output}
          value={inUse.speaker}
          onChange={(deviceId) => void devices.choose('speaker', deviceId)}
        />
      )}
    </div>
  );
}
