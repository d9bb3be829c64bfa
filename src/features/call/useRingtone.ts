import { useEffect, useState } from 'react';
import { createRingtone } from '../../lib/ringtone';

/** Play the generated ringtone while `ringing` is true. */
export function useRingtone(ringing: boolean): void {
  const [ringtone] = useState(createRingtone);

  useEffect(() => {
    if (!ringing) return;
    ringtone.start();
    return () => ringtone.stop();
  }, [ringing, ringtone]);
}
