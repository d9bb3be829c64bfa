import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { useLingui } from '@lingui/react/macro';
import { joinPage } from '../../stores/join-page-instance';
import type { RoomPhase } from '../../stores/room-bridge';
import { MediaControls, VideoStage } from '../../ui/room';

const { room } = joinPage;

const STATUS: Record<RoomPhase, MessageDescriptor> = {
  idle: msg`Connecting…`,
  connecting: msg`Connecting…`,
  waiting: msg`Waiting for the other person to join…`,
  connected: msg`Connected`,
  reconnecting: msg`Connection lost, reconnecting…`,
  ended: msg`Call ended`,
  failed: msg`Call ended`,
};

/** Remote video, self view, mute / camera / leave, and a connection indicator. */
export function InRoom({
  agentName,
  audioOnly = false,
}: {
  agentName: string | undefined;
  audioOnly?: boolean;
}) {
  const { phase, muted, cameraOff, live } = room.useStore();
  const reconnecting = joinPage.useStore((s) => s.reconnecting);
  const { t, i18n } = useLingui();
  let status =
    phase === 'waiting' && agentName ? t`Waiting for ${agentName} to join…` : i18n._(STATUS[phase]);
  if (reconnecting && phase !== 'connected') {
    status = reconnecting.offline
      ? t`Connection lost, reconnecting when you are back online…`
      : t`Connection lost, reconnecting…`;
  }
  const shownPhase = reconnecting ? 'reconnecting' : phase;

  return (
    <section
      className="join-room"
      aria-label={audioOnly ? t`Audio call` : t`Video call`}
      data-state={shownPhase}
      data-media={audioOnly ? 'audio' : 'video'}
    >
      <VideoStage
        variant="full"
        attach={room.attach}
        cameraOff={cameraOff}
        remoteLabel={agentName ? t`Video from ${agentName}` : t`Video from the other person`}
      >
        <p className={`join-status join-status-${shownPhase}`} role="status" data-testid="webcall-status">
          <span className="join-status-dot" aria-hidden="true" />
          {status}
        </p>
      </VideoStage>
      <div className="join-controls">
        <MediaControls
          label={t`Call controls`}
          muted={muted}
          cameraOff={cameraOff}
          disabled={!live}
          camera={!audioOnly}
          onMutedChange={room.setMuted}
          onCameraOffChange={(off) => void room.setCameraOff(off)}
        >
          <button type="button" className="button button-danger" onClick={() => void joinPage.leave()}>
            {t`Leave`}
          </button>
        </MediaControls>
      </div>
    </section>
  );
}
