import { useEffect, useState } from 'react';
import { formatDuration } from '../../lib/duration';

interface CallTimerProps {
  answeredAt: number;
  endedAt: number | null;
  /** Name for assistive technology (several timers show in the line list). */
  label?: string;
  testId?: string;
}

/** mm:ss since the call was answered; frozen once it ends. */
export function CallTimer({
  answeredAt,
  endedAt,
  label = 'Call duration',
  testId = 'call-timer',
}: CallTimerProps) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (endedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endedAt]);

  const elapsed = (endedAt ?? now) - answeredAt;
  return (
    <span className="call-timer" data-testid={testId} role="timer" aria-label={label}>
      {formatDuration(elapsed)}
    </span>
  );
}
