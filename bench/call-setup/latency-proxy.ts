/**
 * A TCP proxy in front of the reference server that holds every chunk, each way, for half of `rttMs`:
 * `bench:calls --rtt 80` measures the pages as if the server were a mobile network's round trip away
 * (HTTP requests, the WebSocket's upgrade, each SIP exchange). Loopback has no delay of its own and this
 * machine has no netem; the kernel still completes TCP's own handshake at once, so a real network's
 * connection set-up (and TLS's) would add more than this shows.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

function delayed(from: Socket, to: Socket, ms: number): void {
  from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), ms));
  from.on('end', () => setTimeout(() => to.end(), ms));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), ms));
}

export async function startLatencyProxy(
  targetUrl: string,
  rttMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.setNoDelay(true);
    }
    delayed(client, upstream, rttMs / 2);
    delayed(upstream, client, rttMs / 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
