/**
 * CPU and memory of other processes (the server under test, Kamailio's process group, sipp), read from
 * /proc. Linux only; every reader returns undefined instead of throwing when a process is gone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  /** User and system CPU time in clock ticks. */
  utime: number;
  stime: number;
  /** CPU time of children this process has waited for (reaped), in clock ticks. */
  cutime: number;
  cstime: number;
}

/** Parses /proc/<pid>/stat. `comm` may contain spaces and parentheses, so split after the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17
  if (rest.length < 15) return undefined;
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0]!,
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    cutime: Number(rest[13]),
    cstime: Number(rest[14]),
  };
}

/** VmRSS / VmHWM (kB) from /proc/<pid>/status text. */
export function parseProcStatus(text: string): { rssKb: number; hwmKb: number } | undefined {
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(text);
  if (!rss || !hwm) return undefined;
  return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

let ticks: number | undefined;
/** Clock ticks per second (getconf CLK_TCK; 100 on every common Linux). */
export function clockTicks(): number {
  if (ticks === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number(r.stdout?.trim());
    ticks = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return ticks;
}

export function procStat(pid: number): ProcStat | undefined {
  const text = read(`/proc/${pid}/stat`);
  return text ? parseProcStat(text) : undefined;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  const s = procStat(pid);
  return s ? (s.utime + s.stime) / clockTicks() : undefined;
}

/**
 * CPU seconds of this process's children that have exited and been reaped: read before and after running
 * a short-lived child (sipp) to get exactly what it used, even though its /proc entry is gone by then.
 */
export function reapedChildrenCpuSeconds(): number {
  const s = procStat(process.pid);
  return s ? (s.cutime + s.cstime) / clockTicks() : 0;
}

export function memory(pid: number): { rssKb: number; hwmKb: number } | undefined {
  const text = read(`/proc/${pid}/status`);
  return text ? parseProcStatus(text) : undefined;
}

/** PIDs of every process in process group `pgid` (Kamailio runs detached: its group is its main PID). */
export function groupPids(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = procStat(Number(name));
    if (s && s.pgrp === pgid) out.push(s.pid);
  }
  return out;
}

/** CPU seconds used so far by a set of processes (those that exited are simply missing). */
export function totalCpuSeconds(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) sum += cpuSeconds(pid) ?? 0;
  return sum;
}

/**
 * Proportional set size (kB) summed over processes: shared memory (Kamailio's shm segment, mapped by
 * every worker) is divided among them instead of being counted once per process as RSS would.
 */
export function totalPssKb(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    const m = /^Pss:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '');
    if (m) sum += Number(m[1]);
  }
  return sum;
}

/** Busy CPU seconds of the whole machine so far (all cores: user+nice+system+irq+softirq+steal). */
export function machineBusySeconds(): number {
  const line = read('/proc/stat')?.split('\n')[0] ?? '';
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 4) return 0;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
  return (user + nice + system + irq + softirq + steal) / clockTicks();
}

/** The machine's UDP receive-buffer overflows so far (datagrams dropped because a socket's buffer was full). */
export function udpRcvbufErrors(): number {
  const lines = (read('/proc/net/snmp') ?? '').split('\n').filter((l) => l.startsWith('Udp:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const i = names.indexOf('RcvbufErrors');
  return i > 0 ? Number(values[i]) || 0 : 0;
}

/** Datagrams dropped so far by the IPv4 UDP socket bound to 127.0.0.1:`port` (/proc/net/udp "drops"). */
export function udpSocketDrops(port: number): number | undefined {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of (read('/proc/net/udp') ?? '').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === local) return Number(f[f.length - 1]) || 0;
  }
  return undefined;
}
