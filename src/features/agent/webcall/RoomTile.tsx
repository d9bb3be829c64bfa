import { useLingui } from '@lingui/react/macro';
import { webcallAgent } from '../../../stores/webcall-agent-instance';
import { MediaControls, VideoStage } from '../../../ui/room';

const { room } = webcallAgent;

/** Sendbird rooms: the customer's video and the agent's own controls, inside the panel. */
export function RoomTile() {
  const { t } = useLingui();
  const { remotePresent, muted, cameraOff, live } = room.useStore();
  const audioOnly = webcallAgent.useStore((s) => s.link?.media === 'audio');
  return (
    <div className="webcall-tile">
      <VideoStage
        variant="tile"
        attach={room.attach}
        cameraOff={cameraOff}
        remoteLabel={t`Video from the customer`}
      >
        {!remotePresent && (
          <p className="room-note">
            {audioOnly
              ? t`Audio call: the customer’s voice plays here.`
              : t`The customer’s video appears here.`}
          </p>
        )}
      </VideoStage>
      <MediaControls
        label={t`Webcall controls`}
        muted={muted}
        cameraOff={cameraOff}
        disabled={!live}
        camera={!audioOnly}
        onMutedChange={room.setMuted}
        onCameraOffChange={(off) => void room.setCameraOff(off)}
      />
    </div>
  );
}
