/** Small helpers shared by the engine modules. */
import { errorMessage } from '../lib/errors';

export type TimerHandle = unknown;

export interface Clock {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  now(): number;
}

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/**
 * Runs `fn` and always returns a promise: sip.js throws synchronously from several
 * methods that otherwise return promises (e.g. `Session.bye()` in an early dialog).
 */
export function callAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(errorMessage(error)));
  }
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}

/** Resolves with the promise's value, or with `fallback` after `ms`, whichever comes first. Never rejects. */
export function settleWithin<T>(clock: Clock, promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    let done = false;
    const timer = clock.setTimeout(() => {
      if (done) return;
      done = true;
      resolve(fallback);
    }, ms);
    promise.then(
      (value) => {
        if (done) return;
        done = true;
        clock.clearTimeout(timer);
        resolve(value);
      },
      () => {
        if (done) return;
        done = true;
        clock.clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

export function noop(): void {
  // intentionally empty
}
