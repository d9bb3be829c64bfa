import { Trans, useLingui } from '@lingui/react/macro';
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CallState, type CallMedia, type CallSnapshot, type TransferStatus } from '../../stores/phone-types';
import { callView, useCallView } from '../../stores/call-view';
import { Icon } from '../../ui/icons';
import type { CallQuality } from '../../stores/call-quality';
import { CallChatButton } from './CallChatButton';
import { CallControls } from './CallControls';
import { DeviceMenu } from './DeviceMenu';
import { NoAudioBanner } from './NoAudioBanner';
import { QualityIndicator } from './QualityIndicator';
import { CallMediaView } from './CallMediaView';
import { useCallerName } from '../../stores/caller-name-instance';
import { callStatusText } from './call-status';
import { CallTimer } from './CallTimer';
import { DtmfPad } from './DtmfPad';
import { ConsultBar, TransferProgress } from './TransferState';
import type { CallActions } from './call-view-types';
import './transfer.css';
import './quality.css';
import { parseGuestUser } from '../../lib/guest-name';

// Opened on demand: kept out of the app shell's first load (issue 10 budget).
const TransferDialog = lazy(() => import('./TransferDialog').then((m) => ({ default: m.TransferDialog })));

export type { CallActions };

interface CallScreenProps {
  call: CallSnapshot;
  media: CallMedia | undefined;
  dtmfReceived: string;
  /** The line list (LineList), shown when there is more than one line. */
  lines?: ReactNode;
  /** Lines: leave the full view for the Dialpad to place another call (the current one stays up). */
  onAddCall?(): void;
  error: string | null;
  /** The transfer of this call, or of the customer this call consults about. */
  transfer?: TransferStatus | null;
  /** When this call is a consultation for an attended transfer: the customer's call. */
  consultFor?: CallSnapshot | null;
  actions: CallActions;
  /** The browser refused to start the call audio until a user gesture. */
  audioBlocked?: boolean;
  onPlayAudio?(): void;
  /** Call quality and no-audio alarms (issue 11). */
  quality?: CallQuality;
}

/**
 * The full in-call view for the foreground call, laid over the tabs; Minimise turns it into the call
 * bar. Keypad and transfer dialog state is in the call-view store, so keyboard shortcuts open them.
 */
export function CallScreen(props: CallScreenProps) {
  const { call, media, dtmfReceived, error, transfer, consultFor, actions } = props;
  const { t, i18n } = useLingui();
  const { name } = useCallerName(call);
  const keypadOpen = useCallView((s) => s.keypadFor === call.id);
  const transferOpen = useCallView((s) => s.transferFor === call.id);
  const devicesOpen = useCallView((s) => s.devicesFor === call.id);
  const devicesId = useId();
  const [sent, setSent] = useState('');
  const keypadId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const showKeypad = keypadOpen && call.state === CallState.Active;

  useEffect(() => {
    headingRef.current?.focus();
  }, [call.id]);

  // A call link's customer registers as a generated SIP user (`webcall.<room>.<agent>`): say what it is.
  const guest = parseGuestUser(call.remoteUser) !== null;
  const subtitle = guest
    ? t`Guest from a call link`
    : name !== call.remoteUser && call.remoteUser
      ? call.remoteUser
      : null;

  return (
    <section
      className={call.video ? 'call-screen call-screen-video' : 'call-screen'}
      aria-label={t`Call with ${name}`}
    >
      <header className="call-header">
        <div className="call-tools">
          <button type="button" className="call-tool" onClick={() => callView.minimise(call.id)}>
            <Icon name="minimise" className="call-tool-icon" />
            <span>
              <Trans>Minimise</Trans>
            </span>
          </button>
          {props.onAddCall && call.state === CallState.Active && (
            <button type="button" className="call-tool" onClick={props.onAddCall}>
              <Icon name="phone" className="call-tool-icon" />
              <span>
                <Trans>Add call</Trans>
              </span>
            </button>
          )}
          <button type="button" className="call-tool" aria-haspopup="dialog" onClick={callView.openHelp}>
            <Icon name="keyboard" className="call-tool-icon" />
            <span className="call-tool-phone-hidden">
              <Trans>Keyboard shortcuts</Trans>
            </span>
          </button>
          <button
            type="button"
            className="call-tool"
            aria-expanded={devicesOpen}
            aria-controls={devicesId}
            onClick={() => callView.toggleDevices(call.id)}
          >
            <Icon name="mic" className="call-tool-icon" />
            <span>
              <Trans>Devices</Trans>
            </span>
          </button>
          <CallChatButton call={call} />
        </div>
        {devicesOpen && <DeviceMenu id={devicesId} video={call.video} />}
        <h2 ref={headingRef} tabIndex={-1} className="call-name">
          {name}
        </h2>
        {subtitle && (
          <p className="call-subtitle" dir={guest ? undefined : 'ltr'}>
            {subtitle}
          </p>
        )}
        <p className="call-status-line">
          <span data-testid="call-status" className="call-status" aria-live="polite">
            {callStatusText(call, i18n)}
          </span>
          {call.answeredAt !== null && (
            <>
              <span aria-hidden="true"> · </span>
              <CallTimer answeredAt={call.answeredAt} endedAt={call.endedAt} />
            </>
          )}
        </p>
        {call.state === CallState.Active && <QualityIndicator sample={props.quality?.sample ?? null} />}
        {/* In the header: the screen is a header / media / controls grid, so a row of its own would
            take the media's space. */}
        {props.quality && (
          <NoAudioBanner
            alarms={props.quality.alarms}
            name={name}
            onChooseMicrophone={() => callView.toggleDevices(call.id)}
          />
        )}
      </header>

      <CallMediaView
        video={call.video}
        cameraOff={call.cameraOff}
        remote={media?.remote ?? null}
        local={media?.local ?? null}
        name={name}
        audioBlocked={props.audioBlocked}
        onPlayAudio={props.onPlayAudio}
      />

      <div className="call-bottom">
        <p className="call-dtmf-received">
          <span className="call-dtmf-label">
            <Trans>Tones received:</Trans>{' '}
          </span>
          <span data-testid="dtmf-received" aria-live="polite" dir="ltr">
            {dtmfReceived}
          </span>
        </p>

        {props.lines}

        {transfer && <TransferProgress status={transfer} />}
        {consultFor && (
          <ConsultBar
            customer={consultFor}
            connected={call.state === CallState.Active}
            busy={transfer?.phase === 'transferring'}
            onComplete={() => actions.completeTransfer(call.id)}
            onCancel={() => actions.cancelConsultation(call.id)}
          />
        )}

        {error && (
          <p className="call-error" role="alert">
            {error}
          </p>
        )}

        {showKeypad && (
          <div id={keypadId} className="call-keypad">
            <DtmfPad
              onTone={(tone) => {
                setSent((s) => (s + tone).slice(-24));
                actions.sendDtmf(call.id, tone);
              }}
            />
            <p className="call-dtmf-sent" aria-live="polite">
              {sent && t`Sent: ${sent}`}
            </p>
          </div>
        )}

        <CallControls
          call={call}
          keypadOpen={showKeypad}
          keypadId={keypadId}
          onToggleMute={() => actions.toggleMute(call.id)}
          onToggleCamera={() => actions.toggleCamera(call.id)}
          onToggleHold={() => actions.toggleHold(call.id)}
          onToggleKeypad={() => callView.toggleKeypad(call.id)}
          onTransfer={() => callView.openTransfer(call.id)}
          onHangup={() => actions.hangup(call.id)}
        />
        {transferOpen && (
          <Suspense fallback={null}>
            <TransferDialog
              partyName={name}
              onTransfer={(target) => actions.transfer(call.id, target)}
              onConsult={(target) => actions.consult(call.id, target)}
              onClose={callView.closeTransfer}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}
