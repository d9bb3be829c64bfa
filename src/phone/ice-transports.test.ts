// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { transportsByMid } from './ice-transports';

const transceiver = (mid: string | null, transport: object | null) => ({ mid, sender: { transport } });

describe('transportsByMid', () => {
  it('gives separate transports separate ids and bundled m-lines the same one', () => {
    const audio = {};
    const video = {};
    expect([
      ...transportsByMid({ getTransceivers: () => [transceiver('0', audio), transceiver('1', video)] }),
    ]).toEqual([
      ['0', 't0'],
      ['1', 't1'],
    ]);
    expect([
      ...transportsByMid({ getTransceivers: () => [transceiver('0', audio), transceiver('1', audio)] }),
    ]).toEqual([
      ['0', 't0'],
      ['1', 't0'],
    ]);
  });

  it('leaves out m-lines without a mid or a transport (not negotiated, rejected) and a missing connection', () => {
    expect([
      ...transportsByMid({ getTransceivers: () => [transceiver(null, {}), transceiver('1', null)] }),
    ]).toEqual([]);
    expect(transportsByMid(undefined).size).toBe(0);
  });
});
