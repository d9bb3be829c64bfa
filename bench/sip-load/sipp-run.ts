/**
 * The load benchmark's sipp: e2e/support/sipp.ts's startSipp with socket buffers sized for thousands of
 * messages per second, and every process stopped with the rest of the run on Ctrl-C (ramp.ts cleanups).
 */
import { fileURLToPath } from 'node:url';
import {
  SIPP_REGISTER_SCENARIO,
  startSipp,
  type SippProcess,
  type SippRunOptions,
} from '../../e2e/support/sipp';
import { cleanups } from './ramp';

// sipp's 64 KB default overflows within milliseconds at thousands of messages per second (datagrams lost
// → 500 ms retransmissions); 4 MB is what net.core.rmem_max allows here
const SOCKET_BUFFER = 4 * 1024 * 1024;

export const SCENARIOS = {
  register: SIPP_REGISTER_SCENARIO,
  uac: fileURLToPath(new URL('./sipp/uac.xml', import.meta.url)),
  uas: fileURLToPath(new URL('./sipp/uas.xml', import.meta.url)),
};

export function startLoadSipp(o: SippRunOptions): SippProcess {
  const p = startSipp({ socketBufferBytes: SOCKET_BUFFER, ...o });
  cleanups.add(p.stop);
  void p.done.finally(() => cleanups.delete(p.stop));
  return p;
}
