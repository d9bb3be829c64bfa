import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import type { RoomErrorCode } from '../../webcall/rooms';
import { describeRoomError, permissionHelp } from './messages';

interface JoinErrorScreenProps {
  error: { code: RoomErrorCode; message: string };
  onRetry(): void;
}

export function JoinErrorScreen({ error, onRetry }: JoinErrorScreenProps) {
  const { t } = useLingui();
  const { title, text, retry } = describeRoomError(error);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="join-card" aria-labelledby="join-failed-title" data-error={error.code}>
      <h1 id="join-failed-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p role="alert" className="join-message">
        {text}
      </p>
      {error.code === 'permission-denied' && (
        <p className="join-help">{permissionHelp(navigator.userAgent)}</p>
      )}
      {retry && (
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t`Try again`}
        </button>
      )}
    </section>
  );
}
