import { webcallAgent } from '../../../stores/webcall-agent-instance';
import { MediaControls, VideoStage } from '../../../ui/room';

const { room } = webcallAgent;

/** Sendbird rooms: the customer's video and the agent's own controls, inside the panel. */
export function RoomTile() {
  const { remotePresent, muted, cameraOff, live } = room.useStore();
  return (
    <div className="webcall-tile">
      <VideoStage
        variant="tile"
        attach={room.attach}
        cameraOff={cameraOff}
        remoteLabel="Video from the customer"
      >
        {!remotePresent && <p className="room-note">The customer’s video appears here.</p>}
      </VideoStage>
      <MediaControls
        label="Webcall controls"
        muted={muted}
        cameraOff={cameraOff}
        disabled={!live}
        onMutedChange={room.setMuted}
        onCameraOffChange={(off) => void room.setCameraOff(off)}
      />
    </div>
  );
}
