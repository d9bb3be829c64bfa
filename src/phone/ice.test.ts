// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  candidateTypeOf,
  decideIce,
  IceGate,
  icePolicyFor,
  type IceEvent,
  type IcePolicy,
  type IceReason,
} from './ice';

const stun: RTCIceServer = { urls: 'stun:stun.example.com:3478' };
const turn: RTCIceServer = {
  urls: ['turn:turn.example.com:3478?transport=udp'],
  username: 'u',
  credential: 'p',
};

describe('icePolicyFor', () => {
  it.each<
    [string, RTCIceServer[], RTCIceTransportPolicy | undefined, number | undefined, IcePolicy['need'], number]
  >([
    ['no servers', [], undefined, undefined, 'host', 1000],
    ['STUN', [stun], 'all', undefined, 'srflx', 1000],
    ['TURN, policy all', [stun, turn], 'all', undefined, 'srflx-or-relay', 3000],
    ['TURN, policy relay', [turn], 'relay', undefined, 'relay', 3000],
    ['explicit cap', [stun], undefined, 400, 'srflx', 400],
    ['stuns/turns schemes', [{ urls: ['stuns:a', 'turns:b'] }], undefined, undefined, 'srflx-or-relay', 3000],
  ])('%s', (_name, servers, policy, maxMs, need, cap) => {
    const result = icePolicyFor({ iceServers: servers, iceTransportPolicy: policy, maxMs });
    expect(result.need).toBe(need);
    expect(result.maxMs).toBe(cap);
  });
});

const host = (at: number): IceEvent => ({ type: 'candidate', candidateType: 'host', at });
const srflx = (at: number): IceEvent => ({ type: 'candidate', candidateType: 'srflx', at });
const relay = (at: number): IceEvent => ({ type: 'candidate', candidateType: 'relay', at });
const end = (at: number): IceEvent => ({ type: 'end', at });

describe('decideIce (completion time from candidate events)', () => {
  const none = icePolicyFor({ iceServers: [] });
  const withStun = icePolicyFor({ iceServers: [stun] });
  const withTurn = icePolicyFor({ iceServers: [turn] });
  const relayOnly = icePolicyFor({ iceServers: [turn], iceTransportPolicy: 'relay' });

  it.each<[string, IcePolicy, IceEvent[], number, IceReason]>([
    ['no servers: 50 ms after the first host candidate', none, [host(5), host(8)], 55, 'host-grace'],
    ['no servers: end-of-gathering before the grace', none, [host(5), end(30)], 30, 'end-of-gathering'],
    ['no servers: nothing at all → cap', none, [], 1000, 'cap'],
    ['no servers: srflx does not matter', none, [srflx(2), host(10)], 60, 'host-grace'],
    ['STUN: first srflx', withStun, [host(3), host(4), srflx(40), srflx(45)], 40, 'srflx'],
    ['STUN: unreachable → cap, not 5 s', withStun, [host(3)], 1000, 'cap'],
    ['STUN: end-of-gathering', withStun, [host(3), end(120)], 120, 'end-of-gathering'],
    ['STUN: srflx after the cap is too late', withStun, [host(3), srflx(1500)], 1000, 'cap'],
    ['TURN (all): srflx is enough', withTurn, [host(3), srflx(40), relay(90)], 40, 'srflx'],
    ['TURN (all): relay first', withTurn, [host(3), relay(60)], 60, 'relay'],
    ['TURN (all): unreachable → 3 s cap', withTurn, [host(3)], 3000, 'cap'],
    ['TURN (relay): waits for relay', relayOnly, [srflx(40), relay(90)], 90, 'relay'],
    ['events out of order', withStun, [srflx(40), host(3)], 40, 'srflx'],
  ])('%s', (_name, policy, events, at, reason) => {
    expect(decideIce(policy, 0, events)).toEqual({ at, reason });
  });

  describe('several ICE transports (audio + video before bundling)', () => {
    const at = (type: string, time: number, mid: string): IceEvent => ({
      type: 'candidate',
      candidateType: type,
      at: time,
      mid,
    });
    const separate = new Map([
      ['0', 't0'],
      ['1', 't1'],
    ]);
    const bundled = new Map([
      ['0', 't0'],
      ['1', 't0'],
    ]);

    it('relay-only waits for a relay candidate on every transport, not the first one anywhere', () => {
      const events = [at('relay', 40, '1'), at('relay', 90, '0')];
      expect(decideIce(relayOnly, 0, events, separate)).toEqual({ at: 90, reason: 'relay' });
      // The failure this prevents: video's relay first, audio's never in the offer.
      expect(decideIce(relayOnly, 0, [at('relay', 40, '1')], separate)).toEqual({ at: 3000, reason: 'cap' });
    });

    it('one shared transport (bundled): its first relay candidate is enough', () => {
      expect(decideIce(relayOnly, 0, [at('relay', 40, '1')], bundled)).toEqual({ at: 40, reason: 'relay' });
    });

    it('STUN: the last transport to get its srflx decides; host grace runs per transport', () => {
      const events = [at('srflx', 30, '0'), at('srflx', 70, '1'), at('srflx', 80, '0')];
      expect(decideIce(withStun, 0, events, separate)).toEqual({ at: 70, reason: 'srflx' });
      expect(decideIce(none, 0, [at('host', 5, '0'), at('host', 20, '1')], separate)).toEqual({
        at: 70,
        reason: 'host-grace',
      });
    });

    it('end-of-gathering and the cap still end the wait', () => {
      expect(decideIce(relayOnly, 0, [at('relay', 40, '1'), { type: 'end', at: 500 }], separate)).toEqual({
        at: 500,
        reason: 'end-of-gathering',
      });
    });

    it('a candidate for an m-line that is not gathering (unknown mid) counts for nothing', () => {
      expect(decideIce(relayOnly, 0, [at('relay', 40, '7')], separate)).toEqual({ at: 3000, reason: 'cap' });
    });
  });

  it('is relative to the start time', () => {
    expect(decideIce(none, 1000, [host(1010)])).toEqual({ at: 1060, reason: 'host-grace' });
    expect(decideIce(withStun, 1000, [])).toEqual({ at: 2000, reason: 'cap' });
  });
});

describe('candidateTypeOf', () => {
  it('reads the type, or parses the candidate line', () => {
    expect(candidateTypeOf({ type: 'srflx' })).toBe('srflx');
    expect(candidateTypeOf({ candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ relay raddr 0.0.0.0' })).toBe(
      'relay',
    );
    expect(candidateTypeOf(null)).toBeNull();
  });
});

describe('IceGate', () => {
  function gate(policy: IcePolicy) {
    let now = 0;
    const timers: { at: number; fn: () => void; id: number }[] = [];
    let nextId = 1;
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        const id = nextId++;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimeout: (id: unknown) => {
        const index = timers.findIndex((t) => t.id === id);
        if (index >= 0) timers.splice(index, 1);
      },
    };
    const complete = vi.fn();
    const g = new IceGate(policy, clock, complete);
    const advance = (ms: number) => {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    };
    return { g, complete, advance, timers };
  }

  it('completes 50 ms after the first host candidate', () => {
    const { g, complete, advance } = gate(icePolicyFor({ iceServers: [] }));
    g.begin();
    advance(5);
    g.candidate({ type: 'host' });
    advance(49);
    expect(complete).not.toHaveBeenCalled();
    advance(1);
    expect(complete).toHaveBeenCalledWith('host-grace');
    expect(g.satisfied).toBe(true);
  });

  it('completes at once on srflx, even before the wait began, and stays satisfied', () => {
    const { g, complete, advance } = gate(icePolicyFor({ iceServers: [stun] }));
    g.candidate({ type: 'host' });
    advance(30);
    g.candidate({ type: 'srflx' });
    expect(complete).toHaveBeenCalledTimes(1);
    g.begin();
    g.candidate({ type: 'srflx' });
    expect(complete).toHaveBeenCalledTimes(1);
    expect(g.satisfied).toBe(true);
  });

  it('caps the wait and completes on end-of-gathering', () => {
    const capped = gate(icePolicyFor({ iceServers: [stun], maxMs: 300 }));
    capped.g.begin();
    capped.g.candidate({ type: 'host' });
    capped.advance(300);
    expect(capped.complete).toHaveBeenCalledWith('cap');

    const ended = gate(icePolicyFor({ iceServers: [stun] }));
    ended.g.begin();
    ended.g.candidate(null);
    expect(ended.complete).toHaveBeenCalledWith('end-of-gathering');
  });

  it('reset() starts a new round', () => {
    const { g, complete } = gate(icePolicyFor({ iceServers: [stun] }));
    g.candidate({ type: 'srflx' });
    g.reset();
    expect(g.satisfied).toBe(false);
    g.candidate({ type: 'srflx' });
    expect(complete).toHaveBeenCalledTimes(2);
  });
});
