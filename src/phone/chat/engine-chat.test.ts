/** The chat part wired into the engine: MESSAGEs reach the sink through the UserAgent delegate, sends use the run's UserAgent. */
import { describe, expect, it } from 'vitest';
import { createPhoneEngine } from '../index';
import type { MessageLike, MessagerLike } from '../ports';
import { CONFIG } from '../testing/engine-harness';
import { FakeSip, flush } from '../testing/fakes';

function incoming(body: string) {
  const answers: number[] = [];
  const message: MessageLike = {
    request: {
      body,
      callId: 'c-1',
      from: { uri: { user: '1002', host: 'OpenLine.local' }, displayName: 'Ben' },
      getHeader: (name) => (name.toLowerCase() === 'content-type' ? 'text/plain' : undefined),
    },
    accept: () => (answers.push(200), Promise.resolve()),
    reject: (o) => (answers.push(o?.statusCode ?? 0), Promise.resolve()),
  };
  return { message, answers };
}

describe('engine chat', () => {
  it('hands an incoming MESSAGE to the sink while signed in, and refuses it (480) once stopped', async () => {
    const world = new FakeSip();
    const sent: string[] = [];
    const engine = createPhoneEngine({
      ...world.deps(),
      createMessager: (_ua, target, content): MessagerLike => ({
        message: (o) => {
          sent.push(`${target.toString()} ${content}`);
          o?.requestDelegate?.onAccept?.({
            message: { statusCode: 202, reasonPhrase: 'Accepted', body: '', getHeader: () => undefined },
          });
          return Promise.resolve();
        },
      }),
    });
    const stored: string[] = [];
    engine.chat.setChatSink(async (m) => void stored.push(`${m.peer} ${m.peerName} ${m.body}`));
    await engine.start(CONFIG);

    const first = incoming('hello');
    world.ua.delegate?.onMessage?.(first.message);
    await flush();
    expect(stored).toEqual(['sip:1002@openline.local Ben hello']);
    expect(first.answers).toEqual([200]);

    await expect(engine.chat.sendMessage('sip:1002@openline.local', 'id-1', 'hi')).resolves.toEqual({
      ok: true,
      status: 202,
    });
    expect(sent).toEqual(['sip:1002@openline.local hi']);

    const delegate = world.ua.delegate;
    await engine.stop();
    const late = incoming('after sign-out');
    delegate?.onMessage?.(late.message);
    await flush();
    expect(late.answers).toEqual([480]);
    expect(stored).toHaveLength(1);
    await expect(engine.chat.sendMessage('sip:1002@openline.local', 'id-2', 'hi')).resolves.toMatchObject({
      ok: false,
      reason: 'Not connected to the SIP server',
    });
  });
});
