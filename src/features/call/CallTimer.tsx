import { useLingui } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { formatDuration } from '../../i18n';

interface CallTimerProps {
  answeredAt: number;
  endedAt: number | null;
  /** Name for assistive technology (several timers show in the line list). */
  label?: string;
  testId?: string;
}

/** mm:ss since the call was answered; frozen once it ends. */
export function CallTimer({ answeredAt, endedAt, label, testId = 'call-timer' }: CallTimerProps) {
  const { t } = useLingui(); // also re-renders the digits in a new language
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (endedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endedAt]);

  const elapsed = (endedAt ?? now) - answeredAt;
  return (
    <span className="call-timer" data-testid={testId} role="timer" aria-label={label ?? t`Call duration`}>
      {formatDuration(elapsed)}
    </span>
  );
}
