import { useLingui } from '@lingui/react/macro';
import { useEffect } from 'react';
import { webcallAgent } from '../../../stores/webcall-agent-instance';
import { CreateLinkForm } from './CreateLinkForm';
import { LinkCard, statusText } from './LinkCard';
import { Slot, useSlotFilled } from '../../../ui/slots';
import { RoomChat, useRoomChat } from './RoomChat';
import { RoomTile } from './RoomTile';
import './webcall-panel.css';

const { useStore } = webcallAgent;

/**
 * The conversation with the customer: beside the room tile, or, while the call view covers the tabs
 * (the SIP path answers on the phone's own call screen), in the shell's side panel beside the call,
 * as the campaign workspace does. One store either way, so nothing is lost when it moves.
 */
function DockableRoomChat({ roomId, customerName }: { roomId: string; customerName: string }) {
  const { t } = useLingui();
  const chat = useRoomChat(roomId);
  const callOpen = useSlotFilled('call');
  const view = <RoomChat chat={chat} customerName={customerName} />;
  if (!callOpen) return view;
  return (
    <>
      <p className="agent-muted">{t`The chat is docked beside the call.`}</p>
      <Slot name="side">
        <div className="agent-dock webcall-chat-dock">{view}</div>
      </Slot>
    </>
  );
}

/**
 * Agent tab → Webcall: create a link for a customer (encrypted in this browser when a password is
 * set), hand it over, and wait. On the SIP path the customer's call is answered automatically and
 * shows on the call screen; on Sendbird the room's video shows here.
 */
export function WebcallPanel() {
  const { t, i18n } = useLingui();
  const state = useStore();
  const status = statusText(state);
  useEffect(() => {
    void webcallAgent.loadConfig();
  }, []);
  const live = state.phase === 'waiting' || state.phase === 'connected';

  return (
    <section className="agent-panel webcall-panel" aria-labelledby="agent-webcall-title">
      <h2 id="agent-webcall-title">{t`Webcall`}</h2>
      {!state.link ? (
        <>
          <p className="webcall-intro">
            {t`Send a customer a link to a video or audio call in their browser: no app, no account.`}
          </p>
          <CreateLinkForm
            busy={state.phase === 'creating'}
            onCreate={(input) => void webcallAgent.create(input)}
          />
        </>
      ) : (
        <>
          <p
            className={`webcall-status webcall-status-${state.phase}`}
            role="status"
            data-testid="webcall-agent-status"
          >
            <span className="webcall-status-dot" aria-hidden="true" />
            {status ? i18n._(status) : ''}
          </p>
          <LinkCard
            link={state.link}
            channel={state.config?.channel ?? false}
            sendNote={state.sendNote}
            onSend={(channel, text) => void webcallAgent.send(channel, text)}
          />
          <div className="webcall-room">
            {state.inRoom && <RoomTile />}
            <DockableRoomChat roomId={state.link.roomId} customerName={state.link.customerName} />
          </div>
          <div className="webcall-actions">
            {live && (
              <button type="button" className="button button-danger" onClick={() => void webcallAgent.stop()}>
                {state.phase === 'connected' ? t`Leave call` : t`Stop waiting`}
              </button>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void webcallAgent.reset()}
            >
              {t`New link`}
            </button>
          </div>
        </>
      )}
      {state.error && (
        <p className="webcall-error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
