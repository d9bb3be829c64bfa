/**
 * TURN over IPv6 for the coturn tests: Allocate an IPv6 relay, then CreatePermission for a peer, which
 * is where coturn applies `denied-peer-ip` (403 Forbidden for a denied peer). Long-term credentials as
 * in coturn.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { ATTR, decodeStun, encodeStun, errorResult, type StunMessage } from './coturn';

const MAGIC = 0x2112a442;
const XOR_PEER_ADDRESS = 0x0012;
const REQUESTED_ADDRESS_FAMILY = 0x0017;

/** Expands an IPv6 address to its 16 bytes. */
function ipv6Bytes(ip: string): Buffer {
  if (!isIPv6(ip)) throw new Error(`not an IPv6 address: ${ip}`);
  const [head, tail = ''] = ip.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head!);
  const t = ip.includes('::') ? groups(tail) : [];
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function xorPeer(ip: string, port: number, txId: Buffer): Buffer {
  const v = Buffer.alloc(20);
  v[1] = 0x02;
  v.writeUInt16BE(port ^ (MAGIC >>> 16), 2);
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC, 0);
  txId.copy(mask, 4);
  const addr = ipv6Bytes(ip);
  for (let i = 0; i < 16; i++) v[4 + i] = addr[i]! ^ mask[i]!;
  return v;
}

/** Allocates an IPv6 relay at `[host]:port` and asks for a permission to `peer`; answers the code. */
export async function turnPermissionV6(
  host: string,
  port: number,
  username: string,
  password: string,
  peer: string,
  timeoutMs = 2000,
): Promise<{ allocated: boolean; permission: number }> {
  const sock = createSocket('udp6');
  const pending = new Map<string, (m: StunMessage) => void>();
  sock.on('message', (data) => {
    const m = decodeStun(data);
    const done = m && pending.get(m.txId.toString('hex'));
    if (m && done) done(m);
  });
  const request = (attrs: Array<[number, Buffer]>, type: number, key?: Buffer) => {
    const txId = randomBytes(12);
    return new Promise<{ m: StunMessage; txId: Buffer }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no TURN answer from [${host}]:${port}`)), timeoutMs);
      pending.set(txId.toString('hex'), (m) => {
        clearTimeout(timer);
        resolve({ m, txId });
      });
      sock.send(encodeStun(type, txId, attrs, key), port, host);
    });
  };
  try {
    const udp = Buffer.from([17, 0, 0, 0]);
    const family = Buffer.from([2, 0, 0, 0]);
    const first = await request(
      [
        [ATTR.REQUESTED_TRANSPORT, udp],
        [REQUESTED_ADDRESS_FAMILY, family],
      ],
      0x0003,
    );
    const realm = first.m.attrs.get(ATTR.REALM);
    const nonce = first.m.attrs.get(ATTR.NONCE);
    if (!realm || !nonce) throw new Error(`no challenge: ${JSON.stringify(errorResult(first.m))}`);
    const key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest();
    const auth: Array<[number, Buffer]> = [
      [ATTR.USERNAME, Buffer.from(username)],
      [ATTR.REALM, realm],
      [ATTR.NONCE, nonce],
    ];
    const alloc = await request(
      [[ATTR.REQUESTED_TRANSPORT, udp], [REQUESTED_ADDRESS_FAMILY, family], ...auth],
      0x0003,
      key,
    );
    if (alloc.m.type !== 0x0103) {
      const e = errorResult(alloc.m);
      throw new Error(`IPv6 allocation failed: ${e.ok ? '' : `${e.code} ${e.reason}`}`);
    }
    // The peer address is XORed with this request's own transaction id.
    const txId = randomBytes(12);
    const perm = await new Promise<StunMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no CreatePermission answer')), timeoutMs);
      pending.set(txId.toString('hex'), (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      sock.send(
        encodeStun(0x0008, txId, [[XOR_PEER_ADDRESS, xorPeer(peer, 0, txId)], ...auth], key),
        port,
        host,
      );
    });
    if (perm.type === 0x0108) return { allocated: true, permission: 200 };
    const e = errorResult(perm);
    return { allocated: true, permission: e.ok ? 0 : e.code };
  } finally {
    sock.close();
  }
}
