import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import type { JoinPayload } from '../../webcall/payload';
import type { RoomEndReason } from '../../webcall/rooms';
import { describeEnd, formatTime } from './messages';

export function EndedScreen(props: { payload: JoinPayload; reason: RoomEndReason | null; onRejoin(): void }) {
  const { t } = useLingui();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const until = new Date(props.payload.exp * 1000);
  const untilText = formatTime(until);
  const valid = until.getTime() > Date.now();
  return (
    <section className="join-card" aria-labelledby="join-ended-title">
      <h1 id="join-ended-title" ref={headingRef} tabIndex={-1}>
        {t`Call ended`}
      </h1>
      <p className="join-message" role="status">
        {describeEnd(props.reason, props.payload.agentName)}
      </p>
      {valid ? (
        <>
          <p className="join-help">
            <Trans>You can rejoin with this link until {untilText}.</Trans>
          </p>
          <button type="button" className="button button-primary" onClick={props.onRejoin}>
            {t`Rejoin`}
          </button>
        </>
      ) : (
        <p className="join-help">{t`This link has expired. Ask for a new one to call again.`}</p>
      )}
      <p className="join-help">{t`You can close this page.`}</p>
    </section>
  );
}
