/** What every test daemon we spawn (Kamailio, coturn) hands back. */
export interface DaemonHandle {
  listenIp: string;
  pid: number;
  /** Temp dir holding the daemon's files and log; removed by stop() unless the run failed. */
  runDir: string;
  /** The daemon's log file. */
  logFile: string;
  /** The argv that was run (secrets included: test secrets only). */
  command: string[];
  /** The log so far. */
  readLog(): string;
  /** SIGTERM (SIGKILL after 5 s) to the PID we started; resolves when it has exited. */
  stop(opts?: { keepRunDir?: boolean }): Promise<void>;
}
