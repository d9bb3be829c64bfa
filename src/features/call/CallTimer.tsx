import { useEffect, useState } from 'react';
import { formatDuration } from '../../lib/duration';

interface CallTimerProps {
  answeredAt: number;
  endedAt: number | null;
}

/** mm:ss since the call was answered; frozen once it ends. */
export function CallTimer({ answeredAt, endedAt }: CallTimerProps) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (endedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endedAt]);

  const elapsed = (endedAt ?? now) - answeredAt;
  return (
    <span className="call-timer" data-testid="call-timer" role="timer" aria-label="Call duration">
      {formatDuration(elapsed)}
    </span>
  );
}
