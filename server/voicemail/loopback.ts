/** Addresses of the voicemail SIP/TCP listener (sip-tcp-listener.ts): loopback only, checked at config time too. */

/** Only Kamailio on this host may talk to the listener. */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Splits "127.0.0.1:5090" / "[::1]:5090" into host and port; throws on anything not loopback. */
export function parseListenAddress(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (!m || !host || port > 65535) throw new Error(`"${value}" is not host:port (e.g. 127.0.0.1:5090)`);
  if (!isLoopback(host)) throw new Error(`"${value}" is not a loopback address (127.0.0.1 or [::1])`);
  return { host, port };
}
