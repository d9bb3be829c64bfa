import { useEffect, useRef } from 'react';
import type { JoinPayload } from '../../webcall/payload';
import type { RoomEndReason } from '../../webcall/rooms';
import { describeEnd, formatTime } from './messages';

export function EndedScreen(props: { payload: JoinPayload; reason: RoomEndReason | null; onRejoin(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const until = new Date(props.payload.exp * 1000);
  const valid = until.getTime() > Date.now();
  return (
    <section className="join-card" aria-labelledby="join-ended-title">
      <h1 id="join-ended-title" ref={headingRef} tabIndex={-1}>
        Call ended
      </h1>
      <p className="join-message" role="status">
        {describeEnd(props.reason, props.payload.agentName)}
      </p>
      {valid ? (
        <>
          <p className="join-help">You can rejoin with this link until {formatTime(until)}.</p>
          <button type="button" className="button button-primary" onClick={props.onRejoin}>
            Rejoin
          </button>
        </>
      ) : (
        <p className="join-help">This link has expired. Ask for a new one to call again.</p>
      )}
      <p className="join-help">You can close this page.</p>
    </section>
  );
}
