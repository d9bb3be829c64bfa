#!/usr/bin/env node
/**
 * `npm run dev`: the reference server (restarted on change by `node --watch`) and the Vite dev
 * server side by side. Vite proxies /api and /sip to the server (vite.config.ts), so the app
 * has one origin. Output is prefixed per process; stopping either (or Ctrl+C) stops both.
 * Extra arguments go to Vite, e.g. `npm run dev -- --host`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '8080';
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(viteBin)) {
  console.error('vite is not installed: run `npm install` first.');
  process.exit(1);
}

const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const children = new Map();
let stopping = false;
let exitCode = 0;

function prefixLines(stream, out, label) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`${label} ${line}\n`);
  });
  stream.on('end', () => {
    if (pending) out.write(`${label} ${pending}\n`);
  });
}

function start(name, color, args, env, stdin) {
  const label = paint(color, `[${name}]`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...(tty ? { FORCE_COLOR: '1' } : {}), ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  children.set(name, child);
  prefixLines(child.stdout, process.stdout, label);
  prefixLines(child.stderr, process.stderr, label);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stderr.write(`${label} exited (${signal ?? code}); stopping the other process\n`);
      exitCode = code || 1;
      stop();
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
  return child;
}

function stop() {
  if (stopping && children.size === 0) process.exit(exitCode);
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 5000);
  force.unref();
  if (children.size === 0) process.exit(exitCode);
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);

start(
  'server',
  '36',
  ['--import', 'tsx', '--watch', '--watch-preserve-output', 'server/main.ts'],
  { PORT: port, HOST: process.env.HOST ?? '127.0.0.1' },
  'ignore',
);
start(
  'vite',
  '35',
  [viteBin, ...process.argv.slice(2)],
  { OPENLINE_BACKEND: process.env.OPENLINE_BACKEND ?? `http://127.0.0.1:${port}` },
  'inherit',
);
