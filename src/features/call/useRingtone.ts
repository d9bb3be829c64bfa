import { useEffect, useState } from 'react';
import { createRingtone } from '../../lib/ringtone';

/** Play the generated ringtone while `ringing` is true, on the ringing device (`sinkId`) if chosen. */
export function useRingtone(ringing: boolean, sinkId?: string): void {
  const [ringtone] = useState(createRingtone);

  useEffect(() => {
    if (!ringing) return;
    ringtone.start(sinkId);
    return () => ringtone.stop();
  }, [ringing, ringtone, sinkId]);
}
