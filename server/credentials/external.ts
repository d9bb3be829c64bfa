/**
 * `SIP_SERVER=external`: the reference server runs no registrar. This stands in for the embedded SIP
 * service so the rest of the server is unchanged: no bindings, and a WebSocket upgrade gets a 404 that
 * names the SIP server to use instead.
 */
import type { SipService, SipStats } from '../sip';
import { rejectUpgrade } from '../sip/transport';

const NO_STATS: SipStats = {
  connections: 0,
  parseErrors: 0,
  aors: 0,
  bindings: 0,
  registers: 0,
  transactions: 0,
  branches: 0,
  calls: 0,
};

export function externalSipService(sipWsUrl: string): SipService {
  return {
    handleUpgrade(_req, socket) {
      rejectUpgrade(
        socket,
        404,
        'Not Found',
        `This server runs no SIP registrar (SIP_SERVER=external): connect to ${sipWsUrl}.`,
      );
      return true;
    },
    stats: () => ({ ...NO_STATS }),
    lookup: () => [],
    // Calls run through Kamailio: this server sees none (webcall availability says free).
    callPeers: () => [],
    onCallChange: () => () => undefined,
    disconnect: () => 0,
    divert: () => false,
    close: () => undefined,
  };
}
