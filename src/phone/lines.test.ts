import { describe, expect, it } from 'vitest';
import { activeOutgoing, ring, setup, timed, withFakeTime } from './testing/engine-harness';
import type { FakeInviter } from './testing/fake-sessions';
import { flush } from './testing/fakes';
import { LINES_FULL_MESSAGE, MAX_LINES } from './lines';
import { CallState } from './types';

withFakeTime();

/** Records each re-INVITE a session sends (`name:hold`/`name:resume`) and when it is answered. */
function recordReinvites(session: FakeInviter, name: string, log: string[]): void {
  const invite = session.invite.bind(session);
  session.invite = (options) => {
    const verb = options?.sessionDescriptionHandlerOptions?.hold ? 'hold' : 'resume';
    log.push(`${name}:${verb}`);
    const delegate = options?.requestDelegate;
    const onAccept = delegate?.onAccept;
    return invite({
      ...options,
      requestDelegate: {
        ...delegate,
        onAccept: (response) => {
          log.push(`${name}:${verb} answered`);
          onAccept?.(response);
        },
      },
    });
  };
}

describe('lines', () => {
  it(`holds up to ${MAX_LINES} calls; a fifth is refused, and a fifth caller gets 486`, async () => {
    const { world, engine, last } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < MAX_LINES; i++) ids.push((await timed(activeOutgoing(world, engine, `100${i}`))).id);
    expect(ids.map((id) => last(id).held)).toEqual([true, true, true, false]);

    await expect(timed(engine.call('1009', { video: false }))).rejects.toThrowError(LINES_FULL_MESSAGE);
    expect(world.inviters).toHaveLength(MAX_LINES);

    const fifth = ring(world, engine, '1008');
    await flush();
    expect(fifth.id).toBe('');
    expect(fifth.invitation.rejected).toEqual([{ statusCode: 486 }]);

    // Hanging one up frees its line.
    await engine.hangup(ids[0]!);
    const sixth = ring(world, engine, '1007');
    expect(last(sixth.id).state).toBe(CallState.Incoming);
    expect(sixth.invitation.rejected).toEqual([]);
  });

  it('a new call is not placed when the current one cannot be held', async () => {
    const { world, engine, last } = await setup();
    const first = await activeOutgoing(world, engine, '1002');
    first.inviter.reinviteAnswers = [488];
    await expect(timed(engine.call('1003', { video: false }))).rejects.toThrowError(
      'Could not put the current call on hold, so the new call was not placed: The other side refused to hold the call (488)',
    );
    expect(world.inviters).toHaveLength(1);
    expect(last(first.id)).toMatchObject({ state: CallState.Active, held: false });
  });

  it('a waiting call is not answered when the current one cannot be held', async () => {
    const { world, engine, last } = await setup();
    const first = await activeOutgoing(world, engine, '1002');
    const waiting = ring(world, engine, '1003');
    first.inviter.reinviteAnswers = [488];
    await expect(timed(engine.answer(waiting.id, { video: false }))).rejects.toThrowError(
      'so the call was not answered',
    );
    expect(waiting.invitation.accepted).toEqual([]);
    expect(last(waiting.id).state).toBe(CallState.Incoming);
    expect(last(first.id).held).toBe(false);
  });

  it('swap: the active line is held (re-INVITE answered) before the chosen line is resumed', async () => {
    const { world, engine, last } = await setup();
    const a = await activeOutgoing(world, engine, '1002');
    const b = await timed(activeOutgoing(world, engine, '1003'));
    const log: string[] = [];
    recordReinvites(a.inviter, 'a', log);
    recordReinvites(b.inviter, 'b', log);

    await timed(engine.resume(a.id));
    expect(log).toEqual(['b:hold', 'b:hold answered', 'a:resume', 'a:resume answered']);
    expect(last(a.id).held).toBe(false);
    expect(last(b.id).held).toBe(true);
  });

  it('swap is refused, and the chosen line stays on hold, when the active line cannot be held', async () => {
    const { world, engine, last } = await setup();
    const a = await activeOutgoing(world, engine, '1002');
    const b = await timed(activeOutgoing(world, engine, '1003'));
    b.inviter.reinviteAnswers = [488];
    await expect(timed(engine.resume(a.id))).rejects.toThrowError('so the other call was not resumed');
    expect(last(a.id).held).toBe(true);
    expect(last(b.id).held).toBe(false);
  });
});
