import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { WebcallRoom } from '../api/schemas';
import { CallState, type CallSnapshot } from '../phone/types';
import { decodeLink, encodeLink } from '../webcall/link';
import type { SipJoin } from '../webcall/payload';
import { FAST_LIMITS, sendbirdPayload, testSigner } from '../webcall/testing';
import { applyCallSnapshot, INITIAL_CALLS_STATE, type CallsState } from './calls';
import { FakeRooms } from './testing/fake-rooms';
import { createWebcallAgent, payloadFromRoom } from './webcall-agent';

const signer = await testSigner();
const expiresAt = Date.now() + 3_600_000;
const sip = {
  wsUrl: '/sip',
  domain: 'openline.local',
  username: `${Math.floor(expiresAt / 1000)}:webcall.0123456789abcdef.1001`,
  password: 'cGFzcw==',
  target: 'sip:1001@openline.local',
};
/** What the server signs for the customer (server/webcall/rooms.ts). */
const signedPayload: SipJoin = {
  provider: 'sip',
  exp: Math.floor(expiresAt / 1000),
  roomId: '0123456789abcdef',
  agentName: 'Ada Agent',
  customerName: 'Chris',
  sip,
};
const sipRoom: WebcallRoom = {
  provider: 'sip',
  roomId: '0123456789abcdef',
  expiresAt,
  agentName: 'Ada Agent',
  link: await signer.sign(signedPayload),
  sip: { ...sip, iceServers: [] },
};

function snapshot(id: string, remoteUser: string, state = CallState.Incoming): CallSnapshot {
  return {
    id,
    sipCallId: `${id}@test`,
    direction: 'incoming',
    state,
    remoteUri: `sip:${remoteUser}@openline.local`,
    remoteUser,
    remoteDisplayName: null,
    video: true,
    muted: false,
    cameraOff: false,
    held: false,
    createdAt: Date.now(),
    answeredAt: null,
    endedAt: null,
    endReason: null,
    endStatusCode: null,
  };
}

const sendbirdRoom: WebcallRoom = {
  provider: 'sendbird',
  roomId: 'room-1',
  expiresAt: Date.now() + 3_600_000,
  agentName: 'Ada Agent',
  link: await signer.sign(sendbirdPayload({ roomId: 'room-1' })),
  sendbird: {
    appId: 'APP-1',
    customer: { userId: 'customer-1', accessToken: 'customer-token' },
    agent: { userId: 'agent-1', accessToken: 'agent-token' },
  },
};

function setup(room: WebcallRoom = sipRoom) {
  const rooms = new FakeRooms();
  const calls = create<CallsState>()(() => INITIAL_CALLS_STATE);
  const answer = vi.fn(async () => undefined);
  const close = vi.fn(async (_roomId: string) => ({ closed: true }));
  const agent = createWebcallAgent({
    api: {
      config: async () => ({ provider: 'sip', channel: false }),
      createRoom: async () => room,
      send: async () => ({ delivered: true, status: 202 }),
      close,
    },
    encodeLink: (payload, options) => encodeLink(payload, { ...options, iterations: 1000 }),
    answer,
    hangup: async () => undefined,
    calls,
    rooms,
    location: { origin: 'https://pbx.example.com', href: 'https://pbx.example.com/agent' },
  });
  const push = (call: CallSnapshot) => calls.setState((s) => applyCallSnapshot(s, call));
  return { agent, answer, push, close, rooms };
}

describe('webcall agent store', () => {
  it('builds an encrypted link the customer can open with the password', async () => {
    const { agent } = setup();
    await agent.create({
      customerName: 'Chris',
      ticket: 'T-1',
      phone: '',
      password: 'pw-123',
      expiresInS: 3600,
    });
    const { link, phase } = agent.useStore.getState();
    expect(phase).toBe('waiting');
    expect(link?.url).toMatch(/^https:\/\/pbx\.example\.com\/join#2\./);
    expect(link?.url).not.toContain('pw-123');
    const opened = await decodeLink(link!.url.slice(link!.url.indexOf('#')), {
      trust: signer.trust({ wsUrl: 'wss://pbx.example.com/sip' }),
      pageHref: 'https://pbx.example.com/join',
      limits: FAST_LIMITS,
    });
    if (!opened.ok || opened.value.kind !== 'protected') throw new Error('protected link expected');
    const unlocked = await opened.value.unlock('pw-123');
    // The server's signed payload, byte for byte, with /sip resolved against the join page.
    expect(unlocked).toEqual({
      ok: true,
      value: payloadFromRoom(sipRoom, 'Chris', { href: 'https://pbx.example.com/agent' }),
    });
    if (unlocked.ok && unlocked.value.provider === 'sip')
      expect(unlocked.value.sip.wsUrl).toBe('wss://pbx.example.com/sip');
  });

  it('answers only this room’s guest, only while waiting, and follows the call', async () => {
    const { agent, answer, push, close } = setup();
    push(snapshot('c0', 'webcall.0123456789abcdef.1001'));
    expect(answer).not.toHaveBeenCalled(); // no link yet
    await agent.create({ customerName: '', ticket: '', phone: '', password: '', expiresInS: 3600 });
    expect(answer).toHaveBeenCalledWith('c0'); // it was already ringing
    push(snapshot('c0', 'webcall.0123456789abcdef.1001', CallState.Active));
    expect(agent.useStore.getState().phase).toBe('connected');
    push(snapshot('c1', '1002'));
    push(snapshot('c2', 'webcall.ffffffffffffffff.1001'));
    expect(answer).toHaveBeenCalledTimes(1);
    push(snapshot('c0', 'webcall.0123456789abcdef.1001', CallState.Ended));
    expect(agent.useStore.getState().phase).toBe('ended');
    push(snapshot('c3', 'webcall.0123456789abcdef.1001')); // the customer rejoins
    expect(answer).toHaveBeenLastCalledWith('c3');
    await agent.stop();
    expect(close).toHaveBeenCalledWith('0123456789abcdef'); // the server ends the room: the link stops working
    push(snapshot('c4', 'webcall.0123456789abcdef.1001'));
    expect(answer).toHaveBeenCalledTimes(2);
    agent.dispose();
  });

  it('Sendbird: the agent enters the room through the room bridge; the store holds no session', async () => {
    const { agent, rooms } = setup(sendbirdRoom);
    const creating = agent.create({
      customerName: '',
      ticket: '',
      phone: '',
      password: '',
      expiresInS: 3600,
    });
    await vi.waitFor(() => expect(rooms.joins).toHaveLength(1));
    expect(rooms.joins[0]?.payload).toMatchObject({
      provider: 'sendbird',
      sendbird: { userId: 'agent-1', accessToken: 'agent-token' },
    });
    const session = rooms.resolve('waiting');
    await creating;
    expect(agent.useStore.getState()).toMatchObject({ phase: 'waiting', inRoom: true });

    session.setState('connected');
    session.setRemote(true);
    expect(agent.useStore.getState()).toMatchObject({ phase: 'connected', remotePresent: true });
    expect(structuredClone(agent.useStore.getState())).toEqual(agent.useStore.getState());

    agent.room.setMuted(true);
    expect(session.log).toEqual(['mute']);
    await agent.stop();
    expect(session.log).toEqual(['mute', 'leave']);
    expect(agent.useStore.getState()).toMatchObject({ phase: 'stopped', inRoom: false });
    agent.dispose();
  });
});
