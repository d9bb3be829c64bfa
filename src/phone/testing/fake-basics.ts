/** Small building blocks shared by the fakes. */
import type { ResponseLike } from '../ports';

export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export class FakeEmitter<T> {
  private listeners = new Set<(data: T) => void>();
  addListener(listener: (data: T) => void): void {
    this.listeners.add(listener);
  }
  removeListener(listener: (data: T) => void): void {
    this.listeners.delete(listener);
  }
  emit(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  get size(): number {
    return this.listeners.size;
  }
}

export function response(
  statusCode: number,
  reasonPhrase = '',
  headers: Record<string, string> = {},
): ResponseLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { message: { statusCode, reasonPhrase, body: '', getHeader: (name) => lower[name.toLowerCase()] } };
}

export function message(headers: Record<string, string> = {}, body = '') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { body, getHeader: (name: string) => lower[name.toLowerCase()] };
}
