import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { WebcallAgentState, WebcallLink } from './webcall-agent';
import { createRoomCallReports, type RoomCallEvent } from './room-call-reports';

const IDLE: WebcallAgentState = {
  config: null,
  phase: 'idle',
  error: null,
  link: null,
  callId: null,
  inRoom: false,
  remotePresent: false,
  sendNote: null,
};

const link = (roomId: string): WebcallLink => ({
  url: `https://example.test/join#2.${roomId}`,
  password: '',
  roomId,
  provider: 'sip',
  expiresAt: Date.now() + 3_600_000,
  customerName: 'Chris',
  agentName: 'Ben',
  phone: '447700',
});

describe('room call reports (ADR 0034)', () => {
  const agent = create<WebcallAgentState>()(() => IDLE);
  let sent: Array<[string, RoomCallEvent]>;
  const flush = () => new Promise((r) => setTimeout(r, 0));

  beforeEach(() => {
    agent.setState(IDLE, true);
    sent = [];
  });

  const reports = (
    report = async (roomId: string, event: RoomCallEvent) => void sent.push([roomId, event]),
  ) => createRoomCallReports({ agent, report });

  it('reports answered when the followed room connects and ended when it stops, once each', async () => {
    const r = reports();
    agent.setState({ phase: 'waiting', link: link('r1') });
    r.follow('r1');
    agent.setState({ phase: 'connected' });
    agent.setState({ remotePresent: true }); // still connected: nothing new
    agent.setState({ phase: 'ended' });
    agent.setState({ phase: 'connected' }); // the customer rejoined: the server keeps the first call
    agent.setState({ phase: 'stopped' });
    await flush();
    expect(sent).toEqual([
      ['r1', 'answered'],
      ['r1', 'ended'],
    ]);
    r.dispose();
  });

  it('reports nothing for a room it does not follow, nor for a followed room nobody joined', async () => {
    const r = reports();
    agent.setState({ phase: 'waiting', link: link('r1') });
    agent.setState({ phase: 'connected' });
    agent.setState({ phase: 'ended' });
    r.follow('r2');
    agent.setState({ phase: 'waiting', link: link('r2') });
    agent.setState({ phase: 'stopped' });
    await flush();
    expect(sent).toEqual([]);
    r.dispose();
  });

  it('ends the call when the panel moves on to another link mid-call', async () => {
    const r = reports();
    agent.setState({ phase: 'waiting', link: link('r1') });
    r.follow('r1');
    agent.setState({ phase: 'connected' });
    agent.setState({ phase: 'waiting', link: link('r2') });
    await flush();
    expect(sent).toEqual([
      ['r1', 'answered'],
      ['r1', 'ended'],
    ]);
    r.dispose();
  });

  it('follows a room already connected when followed, and sends the end only after the answer settled', async () => {
    let release: () => void = () => undefined;
    const order: string[] = [];
    const r = reports(async (roomId, event) => {
      order.push(`start ${event}`);
      if (event === 'answered') await new Promise<void>((done) => (release = done));
      order.push(`done ${event}`);
    });
    agent.setState({ phase: 'connected', link: link('r1') });
    r.follow('r1');
    agent.setState({ phase: 'ended' });
    await flush();
    expect(order).toEqual(['start answered']);
    release();
    await flush();
    await flush();
    expect(order).toEqual(['start answered', 'done answered', 'start ended', 'done ended']);
    r.dispose();
  });

  it('tells of a failed report and still sends the next one', async () => {
    const failed = vi.fn();
    const r = createRoomCallReports({
      agent,
      report: async (roomId, event) => {
        if (event === 'answered') throw new Error('offline');
        sent.push([roomId, event]);
      },
      failed,
    });
    agent.setState({ phase: 'waiting', link: link('r1') });
    r.follow('r1');
    agent.setState({ phase: 'connected' });
    agent.setState({ phase: 'ended' });
    await flush();
    expect(failed).toHaveBeenCalledWith(new Error('offline'));
    expect(sent).toEqual([['r1', 'ended']]);
    r.dispose();
  });

  it('stops reporting once disposed', async () => {
    const r = reports();
    agent.setState({ phase: 'waiting', link: link('r1') });
    r.follow('r1');
    r.dispose();
    agent.setState({ phase: 'connected' });
    await flush();
    expect(sent).toEqual([]);
  });
});
