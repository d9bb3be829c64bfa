/** A werift peer with no STUN server configured asks none: no Binding request leaves for Google's. */
import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { dropDefaultStunServer } from './werift-no-default-stun';

describe('dropDefaultStunServer', () => {
  /** Destination port of every datagram the process sends during a test. */
  const ports: number[] = [];
  const open: RTCPeerConnection[] = [];
  beforeEach(() => {
    const original = dgram.Socket.prototype.send;
    vi.spyOn(dgram.Socket.prototype, 'send').mockImplementation(function (
      this: dgram.Socket,
      ...args: unknown[]
    ) {
      // send(msg, [offset, length,] port, address, callback): the port is the first number after
      // the message that is followed by the address string.
      const at = args.findIndex((a, i) => i > 0 && typeof a === 'number' && typeof args[i + 1] === 'string');
      if (at > 0) ports.push(args[at] as number);
      return (original as (...a: unknown[]) => void).apply(this, args);
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    ports.length = 0;
    await Promise.all(open.splice(0).map((pc) => pc.close()));
  });

  async function offerer(): Promise<{
    pc: RTCPeerConnection;
    offer: Awaited<ReturnType<RTCPeerConnection['createOffer']>>;
  }> {
    const pc = new RTCPeerConnection({ iceUseIpv6: false });
    open.push(pc);
    pc.config.iceServers = [];
    pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendrecv' });
    return { pc, offer: await pc.createOffer() };
  }

  it("werift on its own sends a Binding request to Google's STUN port (what this works around)", async () => {
    const { pc, offer } = await offerer();
    // Offline, gathering would now wait for werift's 5 s STUN timeout: watch for the request only.
    void pc.setLocalDescription(offer);
    await vi.waitFor(() => expect(ports).toContain(19302), { timeout: 3000 });
  });

  it('with the fallback dropped, gathering completes with host candidates and no STUN query', async () => {
    const { pc, offer } = await offerer();
    dropDefaultStunServer(pc);
    const complete = new Promise<void>((resolve) =>
      pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve()),
    );
    await pc.setLocalDescription(offer);
    if (pc.iceGatheringState !== 'complete') await complete;
    expect(ports).not.toContain(19302);
    expect(pc.localDescription!.sdp).toMatch(/a=candidate:\S+ 1 udp \d+ \S+ \d+ typ host/);
  });
});
