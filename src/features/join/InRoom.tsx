import { joinPage } from '../../stores/join-page-instance';
import type { RoomPhase } from '../../stores/room-bridge';
import { MediaControls, VideoStage } from '../../ui/room';

const { room } = joinPage;

const STATUS: Record<RoomPhase, string> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  waiting: 'Waiting for the other person to join…',
  connected: 'Connected',
  reconnecting: 'Connection lost, reconnecting…',
  ended: 'Call ended',
  failed: 'Call ended',
};

/** Remote video, self view, mute / camera / leave, and a connection indicator. */
export function InRoom({ agentName }: { agentName: string | undefined }) {
  const { phase, muted, cameraOff, live } = room.useStore();
  const reconnecting = joinPage.useStore((s) => s.reconnecting);
  const who = agentName ?? 'the other person';
  let status = phase === 'waiting' ? `Waiting for ${who} to join…` : STATUS[phase];
  if (reconnecting && phase !== 'connected') {
    status = reconnecting.offline
      ? 'Connection lost, reconnecting when you are back online…'
      : 'Connection lost, reconnecting…';
  }
  const shownPhase = reconnecting ? 'reconnecting' : phase;

  return (
    <section className="join-room" aria-label="Video call" data-state={shownPhase}>
      <VideoStage variant="full" attach={room.attach} cameraOff={cameraOff} remoteLabel={`Video from ${who}`}>
        <p className={`join-status join-status-${shownPhase}`} role="status" data-testid="webcall-status">
          <span className="join-status-dot" aria-hidden="true" />
          {status}
        </p>
      </VideoStage>
      <div className="join-controls">
        <MediaControls
          label="Call controls"
          muted={muted}
          cameraOff={cameraOff}
          disabled={!live}
          onMutedChange={room.setMuted}
          onCameraOffChange={(off) => void room.setCameraOff(off)}
        >
          <button type="button" className="button button-danger" onClick={() => void joinPage.leave()}>
            Leave
          </button>
        </MediaControls>
      </div>
    </section>
  );
}
