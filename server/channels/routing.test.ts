import { describe, expect, it } from 'vitest';
import { namedAgent, route } from './routing';

const load = (counts: Record<string, number>) => (a: string) => counts[a] ?? 0;

describe('conversation routing', () => {
  it('gives a returning customer to the agent who last engaged (most-recent-agent rule)', () => {
    expect(
      route({ named: null, lastAgent: '1002', available: ['1001', '1002'], load: load({ '1002': 5 }) }),
    ).toEqual({
      agent: '1002',
      routedBy: 'returning',
    });
  });

  it('falls back to the least-loaded available agent when the last agent is away', () => {
    expect(
      route({
        named: null,
        lastAgent: '1002',
        available: ['1001', '1004'],
        load: load({ '1001': 2, '1004': 1 }),
      }),
    ).toEqual({ agent: '1004', routedBy: 'available' });
  });

  it('lets a keyword or QR ref name an available agent, ahead of the last agent', () => {
    expect(route({ named: '1001', lastAgent: '1002', available: ['1001', '1002'], load: load({}) })).toEqual({
      agent: '1001',
      routedBy: 'named',
    });
    // Named but away: the usual rules.
    expect(route({ named: '1003', lastAgent: '1002', available: ['1002'], load: load({}) })).toEqual({
      agent: '1002',
      routedBy: 'returning',
    });
  });

  it('queues the conversation when nobody is available', () => {
    expect(route({ named: '1002', lastAgent: '1002', available: [], load: load({}) })).toEqual({
      agent: null,
      routedBy: 'queue',
    });
  });

  it('breaks load ties by username, so the choice is stable', () => {
    expect(route({ named: null, lastAgent: null, available: ['1002', '1001'], load: load({}) }).agent).toBe(
      '1001',
    );
  });

  it('reads agent:NNNN from the first message or the ref', () => {
    expect(namedAgent('agent:1002 hello', undefined)).toBe('1002');
    expect(namedAgent('Agent:1002', undefined)).toBe('1002');
    expect(namedAgent('hello agent:1002', undefined)).toBeNull();
    expect(namedAgent('hello', 'agent-1002')).toBe('1002');
    expect(namedAgent('hello', '1002')).toBe('1002');
    expect(namedAgent('hello', 'bad ref with spaces')).toBeNull();
  });
});
