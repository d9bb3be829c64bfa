// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  candidateTypeOf,
  decideIce,
  hostNetworkOf,
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
const udpHost = (at: number, network: string): IceEvent => ({
  type: 'candidate',
  candidateType: 'host',
  hostNetwork: network,
  at,
});
const tcpHost = (at: number): IceEvent => ({
  type: 'candidate',
  candidateType: 'host',
  hostNetwork: null,
  at,
});

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

  it.each<[string, IceEvent[], number, IceReason]>([
    ['every network has its UDP host candidate', [udpHost(5, '1'), udpHost(7, '3')], 7, 'host-complete'],
    ['the same network twice is not two', [udpHost(5, '1'), udpHost(7, '1')], 55, 'host-grace'],
    ['TCP host candidates do not count', [udpHost(5, '1'), tcpHost(6)], 55, 'host-grace'],
    ['a network missing: the grace still bounds the wait', [udpHost(5, '1')], 55, 'host-grace'],
  ])('no servers, two networks known: %s', (_name, events, at, reason) => {
    const known = icePolicyFor({ iceServers: [], hostNetworks: 2 });
    expect(decideIce(known, 0, events)).toEqual({ at, reason });
  });

  it('servers silent in the warm-up are not waited for, except under the relay policy', () => {
    expect(icePolicyFor({ iceServers: [stun], serversSilent: true }).need).toBe('host');
    expect(icePolicyFor({ iceServers: [turn], serversSilent: true }).need).toBe('host');
    expect(icePolicyFor({ iceServers: [turn], iceTransportPolicy: 'relay', serversSilent: true }).need).toBe(
      'relay',
    );
    const deadStun = icePolicyFor({ iceServers: [stun], serversSilent: true, hostNetworks: 1 });
    expect(decideIce(deadStun, 0, [udpHost(3, '1')])).toEqual({ at: 3, reason: 'host-complete' });
  });

  it('a known network count does not change a STUN policy', () => {
    const stunKnown = icePolicyFor({ iceServers: [stun], hostNetworks: 1 });
    expect(decideIce(stunKnown, 0, [udpHost(3, '1')])).toEqual({ at: 1000, reason: 'cap' });
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

    it('no servers, networks known: every transport needs all its networks, else its own grace', () => {
      const known = icePolicyFor({ iceServers: [], hostNetworks: 2 });
      const udp = (time: number, network: string, mid: string): IceEvent => ({
        type: 'candidate',
        candidateType: 'host',
        at: time,
        mid,
        hostNetwork: network,
      });
      const both = [udp(5, '1', '0'), udp(6, '3', '0'), udp(8, '1', '1'), udp(9, '3', '1')];
      expect(decideIce(known, 0, both, separate)).toEqual({ at: 9, reason: 'host-complete' });
      // Audio complete at 6, but video has one network only: video's grace (8 + 50) decides.
      expect(decideIce(known, 0, both.slice(0, 3), separate)).toEqual({ at: 58, reason: 'host-grace' });
      // Bundled: one transport, its two networks are enough.
      expect(decideIce(known, 0, both.slice(0, 2), bundled)).toEqual({ at: 6, reason: 'host-complete' });
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

describe('hostNetworkOf', () => {
  it("reads Chromium's network-id of UDP host candidates only", () => {
    const line = (proto: string, typ: string) =>
      `candidate:1 1 ${proto} 2122194687 127.0.0.1 5000 typ ${typ} generation 0 ufrag x network-id 3 network-cost 50`;
    expect(hostNetworkOf({ candidate: line('udp', 'host') })).toBe('3');
    expect(hostNetworkOf({ candidate: line('tcp', 'host') })).toBeNull();
    expect(hostNetworkOf({ candidate: line('udp', 'srflx') })).toBeNull();
    expect(hostNetworkOf({ candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host' })).toBeNull();
    expect(hostNetworkOf(null)).toBeNull();
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
