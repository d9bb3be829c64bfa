/**
 * Tells WebSocket peers the server is going away (close code 1001) before the SIP module drops their
 * sockets at shutdown. `server/sip` owns the WebSockets and only exposes `close()`, which terminates them
 * without a close frame; until it offers a graceful close, we remember the upgraded sockets here and write
 * the close frame ourselves (RFC 6455 §5.5.1: FIN + opcode 8, unmasked from a server, 2-byte status code).
 */
import type { Duplex } from 'node:stream';

const GOING_AWAY = Buffer.from([0x88, 0x02, 0x03, 0xe9]); // close, length 2, code 1001

export class UpgradedSockets {
  private readonly sockets = new Set<Duplex>();

  track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Writes the 1001 close frame to every open upgraded socket and waits until it is flushed. */
  async goingAway(): Promise<void> {
    await Promise.all(
      [...this.sockets]
        .filter((s) => s.writable && !s.destroyed)
        .map((s) => new Promise<void>((done) => s.write(GOING_AWAY, () => done()))),
    );
  }
}
