/**
 * Tiny leveled logger: one line per event, `LOG_LEVEL` decides what is printed.
 * Never pass secrets (passwords, Authorization headers) to it.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger that prefixes every line with `scope:`. */
  child(scope: string): Logger;
  readonly level: LogLevel;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogSink = (level: Exclude<LogLevel, 'silent'>, line: string) => void;

const consoleSink: LogSink = (level, line) => {
  const stamped = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${line}`;
  if (level === 'error' || level === 'warn') process.stderr.write(stamped + '\n');
  else process.stdout.write(stamped + '\n');
};

export function createLogger(level: LogLevel = 'info', sink: LogSink = consoleSink, scope = ''): Logger {
  const min = rank[level];
  const prefix = scope ? `${scope}: ` : '';
  const emit = (l: Exclude<LogLevel, 'silent'>) =>
    rank[l] >= min ? (message: string) => sink(l, prefix + message) : () => {};
  return {
    level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (child) => createLogger(level, sink, scope ? `${scope}.${child}` : child),
  };
}
