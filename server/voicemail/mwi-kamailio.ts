/**
 * MWI in Kamailio mode: Kamailio relays a user's `SUBSCRIBE` with `Event: message-summary` to the
 * voicemail SIP/TCP listener (deploy/kamailio/kamailio.cfg, route[MWI]) and the same MwiNotifier
 * serves it, with NOTIFYs going back through Kamailio on its Record-Route path.
 *
 * Trust boundary: the listener accepts loopback peers only, i.e. the Kamailio on this host. Kamailio
 * has authenticated the subscriber (auth_ephemeral, credentials user = From user) and says so in
 * `P-Asserted-Identity`, which it strips from what clients send and sets itself; it also names the
 * connection the request came over in `X-Openline-Flow` (`proto:ip:port`), for initial SUBSCRIBEs and
 * refreshes alike. We subscribe only the asserted user to their own mailbox (R-URI user = From user
 * = asserted user) and accept refreshes only over the flow that subscribed, as the embedded proxy
 * accepts them only over the subscribing WebSocket.
 */
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { header, type SipRequest, type SipResponse } from '../sip/message';
import { buildResponse } from '../sip/serialize';
import type { SipConnection } from '../sip/transport';
import type { MwiNotifier } from './mwi';

export const FLOW_HEADER = 'x-openline-flow';
const FLOW = /^(?:udp|tcp|tls|ws|wss|sctp):[0-9a-f.:[\]]{2,45}:\d{1,5}$/i;

/** The user of a name-addr's `sip:` URI (`"Ada" <sip:1001@host>` → 1001), if any. */
export function sipUser(nameAddr: string | undefined): string | undefined {
  const m = /<?sips?:([^@;>\s]+)@/i.exec(nameAddr ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

/**
 * Kamailio as one SipConnection for the notifier: NOTIFYs and answers go to the loopback socket that
 * spoke last (Kamailio reuses or reopens connections freely; any of them reaches the same proxy).
 */
class KamailioLink implements SipConnection {
  readonly id = randomBytes(9).toString('base64url');
  readonly identities = new Set<string>();
  private latest: Socket | undefined;
  private readonly sockets = new Set<Socket>();

  get remote(): string {
    return `${this.latest?.remoteAddress ?? '?'}:${this.latest?.remotePort ?? 0}`;
  }
  get ip(): string {
    return this.latest?.remoteAddress ?? '';
  }
  get open(): boolean {
    return this.pick() !== undefined;
  }

  heard(socket: Socket): void {
    this.sockets.add(socket);
    this.latest = socket;
  }

  gone(socket: Socket): void {
    this.sockets.delete(socket);
    if (this.latest === socket) this.latest = undefined;
  }

  send(text: string): boolean {
    const socket = this.pick();
    if (!socket) return false;
    socket.write(text);
    return true;
  }

  private pick(): Socket | undefined {
    if (this.latest && !this.latest.destroyed) return this.latest;
    return [...this.sockets].find((s) => !s.destroyed);
  }
}

export interface KamailioMwi {
  /** A SUBSCRIBE (true: answered here) from a loopback socket. */
  request(req: SipRequest, socket: Socket): boolean;
  /** A response to one of our NOTIFYs (true: it was one). */
  response(res: SipResponse, socket: Socket): boolean;
  socketClosed(socket: Socket): void;
}

export interface KamailioMwiOptions {
  notifier: MwiNotifier;
  /**
   * The user's own no-answer time for Kamailio's branch timer, sent on every NOTIFY as
   * `X-Openline-No-Answer` (ms, `off`, or `default`); Kamailio keeps it and strips the header
   * (route[MWI_INDLG]), since it has no way to ask the server per call (no http_client here).
   */
  noAnswer?: (user: string) => 'off' | 'default' | number;
}

export const NO_ANSWER_HEADER = 'X-Openline-No-Answer';

/** The notifier's door on the listener at `address` (host:port as bound). */
export function kamailioMwi({ notifier, noAnswer }: KamailioMwiOptions, address: string): KamailioMwi {
  const link = new KamailioLink();
  const notifyHeaders = noAnswer && ((user: string) => [header(NO_ANSWER_HEADER, String(noAnswer(user)))]);
  const contact = `<sip:mwi@${address};transport=tcp>`;
  const refuse = (req: SipRequest, status: number, reason: string) =>
    void link.send(buildResponse(req, status, { reason }));

  return {
    request(req, socket) {
      if (req.method !== 'SUBSCRIBE') return false;
      link.heard(socket);
      const flow = req.get(FLOW_HEADER)?.trim() ?? '';
      if (!FLOW.test(flow)) {
        refuse(req, 403, 'Forbidden (no X-Openline-Flow from the proxy)');
        return true;
      }
      if (req.toTag !== undefined) {
        if (!notifier.inDialogVia(req, link, flow)) refuse(req, 489, 'Bad Event');
        return true;
      }
      const asserted = req.getAll('p-asserted-identity');
      const user = asserted.length === 1 ? sipUser(asserted[0]) : undefined;
      if (!user || sipUser(req.get('from')) !== user) {
        refuse(req, 403, 'Forbidden (no identity asserted by the proxy)');
        return true;
      }
      const recordRoute = req.getAll('record-route');
      const path = { contact, via: `TCP ${address}`, recordRoute, flow, notifyHeaders };
      if (!notifier.subscribeVia(req, link, user, path)) refuse(req, 489, 'Bad Event');
      return true;
    },
    response(res, socket) {
      if (res.cseq.method !== 'NOTIFY') return false;
      link.heard(socket);
      const tag = /;\s*tag=([^;>\s]+)/i.exec(res.get('from') ?? '')?.[1];
      if (res.status === 481 && tag) notifier.notifyRejected(res.callId, tag);
      return true;
    },
    socketClosed: (socket) => link.gone(socket),
  };
}
