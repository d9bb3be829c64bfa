import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage, onStorageDenied, pageStorage, resetPageStorage, storageDenied } from './page-storage';

afterEach(() => {
  vi.unstubAllGlobals();
  resetPageStorage();
});

describe('pageStorage', () => {
  it('hands out the browser’s storage when it works', () => {
    expect(pageStorage('local')).toBe(globalThis.localStorage);
    expect(storageDenied()).toBe(false);
  });

  it('falls back to memory, and says so once, when reading the storage throws (a blocked frame)', () => {
    const told = vi.fn();
    const off = onStorageDenied(told);
    const denied = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', { get: denied, configurable: true });
    try {
      const storage = pageStorage('local');
      expect(storage).toBeInstanceOf(MemoryStorage);
      storage.setItem('k', 'v');
      expect(pageStorage('local').getItem('k')).toBe('v'); // the same stand-in for the page's life
      expect(storageDenied()).toBe(true);
      pageStorage('session');
      expect(told).toHaveBeenCalledTimes(1);
    } finally {
      off();
      if (original) Object.defineProperty(globalThis, 'localStorage', original);
    }
  });

  it('treats a storage that refuses writes (quota 0) as denied', () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    vi.stubGlobal('sessionStorage', refusing);
    expect(pageStorage('session')).not.toBe(refusing);
    expect(storageDenied()).toBe(true);
  });
});

describe('MemoryStorage', () => {
  it('behaves as Storage: strings in, null for missing keys, keys by index, clear', () => {
    const s = new MemoryStorage();
    s.setItem('a', '1');
    s.setItem('b', String(2));
    expect(s.length).toBe(2);
    expect(s.getItem('missing')).toBeNull();
    expect(s.key(1)).toBe('b');
    expect(s.key(5)).toBeNull();
    s.removeItem('a');
    expect(s.getItem('a')).toBeNull();
    s.clear();
    expect(s.length).toBe(0);
  });
});
