/**
 * A TCP proxy in front of the reference server that holds every chunk, each way, for half of `rttMs`:
 * `bench:calls --rtt 80` measures the pages as if the server were a mobile network's round trip away
 * (HTTP requests, the WebSocket's upgrade, each SIP exchange). Loopback has no delay of its own and this
 * machine has no netem; the kernel still completes TCP's own handshake at once, so a real network's
 * connection set-up (and TLS's) would add more than this shows.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * `edit` rewrites the first chunk (a request's head) before it goes on: `hostAsTarget` gives the target
 * its own `Host`, for a server that checks it (Kamailio's WebSocket handshake).
 */
function delayed(from: Socket, to: Socket, ms: number, edit?: (first: Buffer) => Buffer): void {
  let first = true;
  from.on('data', (data: Buffer) => {
    const chunk = first && edit ? edit(data) : data;
    first = false;
    setTimeout(() => to.writable && to.write(chunk), ms);
  });
  from.on('end', () => setTimeout(() => to.end(), ms));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), ms));
}

/**
 * `port`: where to listen (0: any free port); a fixed one when another party must know it beforehand.
 * `hostAsTarget`: each connection's first request names the target in `Host`, not this proxy.
 */
export async function startLatencyProxy(
  targetUrl: string,
  rttMs: number,
  port = 0,
  hostAsTarget = false,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const asTarget = (head: Buffer) =>
    Buffer.from(head.toString('latin1').replace(/^Host:[^\r\n]*/im, `Host: ${target.host}`), 'latin1');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.setNoDelay(true);
    }
    delayed(client, upstream, rttMs / 2, hostAsTarget ? asTarget : undefined);
    delayed(upstream, client, rttMs / 2);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
