/**
 * coturn for tests: runs `turnserver -c deploy/coturn/turnserver.conf` as a child process on a free loopback
 * port, with its pid file, database and log in a temp folder, and stops it by its PID. Loopback peers are
 * allowed (only for tests) so two Chromium pages on one machine can relay through it.
 *
 *   const turn = await startCoturn({ secret: 'test-secret' });
 *   // turn.urls = ["turn:127.0.0.1:<port>?transport=udp", "turn:127.0.0.1:<port>?transport=tcp"]
 *   const creds = mintEphemeralCredentials({ secret: 'test-secret', user: '1001', ttlSeconds: 600 });
 *   new RTCPeerConnection({ iceServers: [{ urls: turn.urls, username: creds.username, credential: creds.password }],
 *                           iceTransportPolicy: 'relay' });
 *   await turn.stop();
 *
 * Also a minimal STUN/TURN client (stunBinding, turnAllocate) so tests can prove the credentials without a
 * browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DaemonHandle } from './daemon';
import { freePort, type Availability } from './kamailio';

export const COTURN_CONF = fileURLToPath(new URL('../../deploy/coturn/turnserver.conf', import.meta.url));
export const COTURN_PACKAGE = 'coturn';
const TURN_BIN = process.env.TURNSERVER_BIN ?? 'turnserver';

export function coturnAvailable(): Availability {
  const r = spawnSync(TURN_BIN, ['--version'], { encoding: 'utf8' });
  const version = `${r.stdout ?? ''}`.trim().split('\n')[0];
  if (r.error || r.status !== 0 || !version) {
    return {
      ok: false,
      reason: `coturn is not installed (${TURN_BIN}: ${r.error?.message ?? `exit ${r.status}`}). Install it: apt-get install -y ${COTURN_PACKAGE}`,
    };
  }
  return { ok: true, version: `coturn ${version}` };
}

export interface CoturnOptions {
  /** static-auth-secret (what TURN credentials are minted with). */
  /** static-auth-secret; `''` starts coturn with none (the shipped config alone). */
  secret: string;
  /** Listening port (UDP+TCP); a free one when omitted. */
  port?: number;
  realm?: string;
  listenIp?: string;
  /** Relay port range; 200 ports starting at a free port when omitted. */
  minPort?: number;
  maxPort?: number;
  configFile?: string;
  extraArgs?: string[];
  startTimeoutMs?: number;
}

export interface CoturnHandle extends DaemonHandle {
  /** ICE server URLs for RTCPeerConnection. */
  urls: string[];
  port: number;
  realm: string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startCoturn(opts: CoturnOptions): Promise<CoturnHandle> {
  if (opts.secret === undefined) throw new Error('startCoturn: secret is required ("" for none)');
  const listenIp = opts.listenIp ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(listenIp, true));
  const realm = opts.realm ?? 'openline.local';
  let minPort = opts.minPort;
  if (minPort === undefined) {
    minPort = await freePort(listenIp, true);
    if (minPort > 65_000) minPort = 40_000 + (minPort % 20_000);
  }
  const maxPort = opts.maxPort ?? minPort + 199;
  const runDir = mkdtempSync(join(tmpdir(), 'openline-coturn-'));
  const logFile = join(runDir, 'turnserver.log');
  const args = [
    '-c',
    opts.configFile ?? COTURN_CONF,
    // command-line options override the config file
    // An empty secret starts coturn with none at all (as the shipped config does on its own).
    ...(opts.secret ? [`--static-auth-secret=${opts.secret}`] : []),
    `--realm=${realm}`,
    `--listening-ip=${listenIp}`,
    `--relay-ip=${listenIp}`,
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${maxPort}`,
    '--allow-loopback-peers',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    `--pidfile=${join(runDir, 'turnserver.pid')}`,
    `--db=${join(runDir, 'turndb')}`,
    '--log-file=stdout',
    ...(opts.extraArgs ?? []),
  ];
  const logFd = openSync(logFile, 'a');
  const child = spawn(TURN_BIN, args, { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) if (c.pid && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
    });
  }
  let spawnError: Error | null = null;
  child.once('error', (e) => (spawnError = e));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  const stop = async ({ keepRunDir = false } = {}) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(
        () => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
        5000,
      );
      await exited;
      clearTimeout(timer);
    }
    if (!keepRunDir) rmSync(runDir, { recursive: true, force: true });
  };

  // ready = answers a STUN Binding request on its UDP port
  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  for (;;) {
    if (spawnError) {
      await stop({ keepRunDir: true });
      throw new Error(`cannot run ${TURN_BIN}: ${(spawnError as Error).message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop({ keepRunDir: true });
      throw new Error(`turnserver exited during start-up; log ${logFile}:\n${readLog().slice(-3000)}`);
    }
    if (
      await stunBinding(listenIp, port, 300).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop({ keepRunDir: true });
      throw new Error(`turnserver did not answer STUN on ${listenIp}:${port}; log ${logFile}`);
    }
  }

  return {
    urls: [`turn:${listenIp}:${port}?transport=udp`, `turn:${listenIp}:${port}?transport=tcp`],
    listenIp,
    port,
    realm,
    pid: child.pid!,
    runDir,
    logFile,
    command: [TURN_BIN, ...args],
    readLog,
    stop,
  };
}

// ---------------------------------------------------------------- minimal STUN/TURN client (RFC 5389/5766)

const MAGIC = 0x2112a442;
export const ATTR = {
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_RELAYED_ADDRESS: 0x0016,
  REQUESTED_TRANSPORT: 0x0019,
  XOR_MAPPED_ADDRESS: 0x0020,
} as const;

export interface StunMessage {
  type: number;
  txId: Buffer;
  attrs: Map<number, Buffer>;
}

export function encodeStun(
  type: number,
  txId: Buffer,
  attrs: Array<[number, Buffer]>,
  integrityKey?: Buffer,
): Buffer {
  const parts: Buffer[] = [];
  for (const [t, v] of attrs) {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(t, 0);
    head.writeUInt16BE(v.length, 2);
    parts.push(head, v, Buffer.alloc((4 - (v.length % 4)) % 4));
  }
  let body = Buffer.concat(parts);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(type, 0);
  header.writeUInt32BE(MAGIC, 4);
  txId.copy(header, 8);
  if (integrityKey) {
    // MESSAGE-INTEGRITY: HMAC-SHA1 over the message with the length already counting the MI attribute
    header.writeUInt16BE(body.length + 24, 2);
    const mac = createHmac('sha1', integrityKey)
      .update(Buffer.concat([header, body]))
      .digest();
    const mi = Buffer.alloc(4);
    mi.writeUInt16BE(ATTR.MESSAGE_INTEGRITY, 0);
    mi.writeUInt16BE(20, 2);
    body = Buffer.concat([body, mi, mac]);
  }
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

export function decodeStun(buf: Buffer): StunMessage | null {
  if (buf.length < 20 || buf.readUInt32BE(4) !== MAGIC) return null;
  const attrs = new Map<number, Buffer>();
  let off = 20;
  const end = 20 + buf.readUInt16BE(2);
  while (off + 4 <= end && off + 4 <= buf.length) {
    const t = buf.readUInt16BE(off);
    const len = buf.readUInt16BE(off + 2);
    if (!attrs.has(t)) attrs.set(t, buf.subarray(off + 4, off + 4 + len));
    off += 4 + len + ((4 - (len % 4)) % 4);
  }
  return { type: buf.readUInt16BE(0), txId: buf.subarray(8, 20), attrs };
}

function xorAddress(v: Buffer): string {
  const port = v.readUInt16BE(2) ^ (MAGIC >>> 16);
  const ip = [4, 5, 6, 7].map((i, k) => v[i]! ^ ((MAGIC >>> (24 - 8 * k)) & 0xff)).join('.');
  return `${ip}:${port}`;
}

/** One UDP socket for a sequence of requests (TURN binds the nonce and the allocation to the 5-tuple). */
class StunSocket {
  private sock = createSocket('udp4');
  private pending = new Map<string, (m: StunMessage) => void>();

  constructor(
    private host: string,
    private port: number,
  ) {
    this.sock.on('message', (data) => {
      const m = decodeStun(data);
      const done = m && this.pending.get(m.txId.toString('hex'));
      if (m && done) done(m);
    });
    this.sock.on('error', () => this.close());
  }

  request(msg: Buffer, txId: Buffer, timeoutMs: number): Promise<StunMessage> {
    return new Promise((resolve, reject) => {
      const id = txId.toString('hex');
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no STUN answer from ${this.host}:${this.port} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(m);
      });
      this.sock.send(msg, this.port, this.host);
    });
  }

  close(): void {
    try {
      this.sock.close();
    } catch {
      // already closed
    }
  }
}

/** STUN Binding request over UDP; resolves with the reflexive address ("ip:port"). */
export async function stunBinding(host: string, port: number, timeoutMs = 1000): Promise<string> {
  const txId = randomBytes(12);
  const sock = new StunSocket(host, port);
  const res = await sock.request(encodeStun(0x0001, txId, []), txId, timeoutMs).finally(() => sock.close());
  const xma = res.attrs.get(ATTR.XOR_MAPPED_ADDRESS);
  if (res.type !== 0x0101 || !xma)
    throw new Error(`unexpected STUN response type 0x${res.type.toString(16)}`);
  return xorAddress(xma);
}

export type AllocateResult =
  | { ok: true; relayedAddress: string; mappedAddress: string | null }
  | { ok: false; code: number; reason: string };

/**
 * TURN Allocate over UDP with long-term credentials (what a browser does with iceServers username and
 * credential): the first request is challenged (401 + realm + nonce), the second carries
 * MESSAGE-INTEGRITY keyed with MD5(username:realm:password). The allocation is left to expire.
 */
export async function turnAllocate(
  host: string,
  port: number,
  username: string,
  password: string,
  timeoutMs = 2000,
): Promise<AllocateResult> {
  const udp = Buffer.from([17, 0, 0, 0]);
  const sock = new StunSocket(host, port);
  try {
    const tx1 = randomBytes(12);
    const first = await sock.request(
      encodeStun(0x0003, tx1, [[ATTR.REQUESTED_TRANSPORT, udp]]),
      tx1,
      timeoutMs,
    );
    const realm = first.attrs.get(ATTR.REALM);
    const nonce = first.attrs.get(ATTR.NONCE);
    if (first.type !== 0x0113 || !realm || !nonce) return errorResult(first);
    const key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest();
    const tx2 = randomBytes(12);
    const attrs: Array<[number, Buffer]> = [
      [ATTR.REQUESTED_TRANSPORT, udp],
      [ATTR.USERNAME, Buffer.from(username)],
      [ATTR.REALM, realm],
      [ATTR.NONCE, nonce],
    ];
    const second = await sock.request(encodeStun(0x0003, tx2, attrs, key), tx2, timeoutMs);
    const relayed = second.attrs.get(ATTR.XOR_RELAYED_ADDRESS);
    if (second.type === 0x0103 && relayed) {
      const mapped = second.attrs.get(ATTR.XOR_MAPPED_ADDRESS);
      return {
        ok: true,
        relayedAddress: xorAddress(relayed),
        mappedAddress: mapped ? xorAddress(mapped) : null,
      };
    }
    return errorResult(second);
  } finally {
    sock.close();
  }
}

export function errorResult(m: StunMessage): AllocateResult {
  const err = m.attrs.get(ATTR.ERROR_CODE);
  if (!err || err.length < 4)
    return { ok: false, code: 0, reason: `unexpected type 0x${m.type.toString(16)}` };
  return { ok: false, code: (err[2]! & 0x7) * 100 + err[3]!, reason: err.subarray(4).toString('utf8') };
}
