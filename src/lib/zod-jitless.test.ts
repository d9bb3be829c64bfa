import { describe, expect, it, vi } from 'vitest';

describe('zod jitless mode', () => {
  it('parses objects without ever constructing a Function (CSP forbids eval)', async () => {
    await import('./zod-jitless');
    const { z } = await import('zod');
    const spy = vi.spyOn(globalThis, 'Function');
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
    expect(schema.parse({ a: 'x', b: { c: 1 } })).toEqual({ a: 'x', b: { c: 1 } });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
