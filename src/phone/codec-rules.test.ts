// Issue 13: the operator's codec rules reach the next call's offer without signing in again.
import { describe, expect, it } from 'vitest';
import type { SessionDescriptionHandlerModifier } from 'sip.js';
import { setup, withFakeTime } from './testing/engine-harness';

withFakeTime();

const OFFER =
  'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n';

async function munged(options: unknown): Promise<string> {
  const modifiers = (options as { sessionDescriptionHandlerModifiers: SessionDescriptionHandlerModifier[] })
    .sessionDescriptionHandlerModifiers;
  let description: RTCSessionDescriptionInit = { type: 'offer', sdp: OFFER };
  for (const modify of modifiers) description = await modify(description);
  return /^m=audio .*$/m.exec(description.sdp ?? '')![0];
}

describe('live codec rules', () => {
  it('applies a changed priority to the next call, then the default order again', async () => {
    const { world, engine } = await setup();
    await engine.call('1002', { video: false });
    expect(await munged(world.inviter.options)).toBe('m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8');

    engine.updatePreferences({ codecs: { prefer: ['PCMU'], remove: ['PCMA'] } });
    await engine.call('1003', { video: false });
    expect(await munged(world.inviter.options)).toBe('m=audio 9 UDP/TLS/RTP/SAVPF 0 111');

    engine.updatePreferences({ codecs: { prefer: [], remove: [] } });
    await engine.call('1001', { video: false });
    expect(await munged(world.inviter.options)).toBe('m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8');
  });
});
