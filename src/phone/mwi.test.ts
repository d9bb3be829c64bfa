import { SubscriptionState } from 'sip.js';
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from './message-summary';
import { MessageWaiting } from './mwi';
import type { SubscriberLike } from './ports';

class FakeSubscriber implements SubscriberLike {
  delegate: SubscriberLike['delegate'];
  private listeners: Array<(s: SubscriptionState) => void> = [];
  readonly stateChange = {
    addListener: (l: (s: SubscriptionState) => void) => void this.listeners.push(l),
    removeListener: (l: (s: SubscriptionState) => void) => {
      this.listeners = this.listeners.filter((x) => x !== l);
    },
  };
  subscribed = 0;
  disposed = 0;
  accepted = 0;
  subscribe() {
    this.subscribed++;
    return Promise.resolve();
  }
  dispose() {
    this.disposed++;
    return Promise.resolve();
  }
  notify(body: string) {
    this.delegate?.onNotify?.({
      request: { body, getHeader: () => undefined },
      accept: () => {
        this.accepted++;
        return Promise.resolve();
      },
    });
  }
  setState(s: SubscriptionState) {
    for (const l of this.listeners) l(s);
  }
}

function setup() {
  const created: FakeSubscriber[] = [];
  const summaries: MessageSummary[] = [];
  const warnings: string[] = [];
  const mwi = new MessageWaiting({
    create: () => {
      const s = new FakeSubscriber();
      created.push(s);
      return s;
    },
    onSummary: (s) => summaries.push(s),
    logger: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  });
  return { mwi, created, summaries, warnings };
}

describe('MessageWaiting (MWI subscription of the engine)', () => {
  it('subscribes once per live subscription and hands on parsed summaries', () => {
    const { mwi, created, summaries } = setup();
    mwi.ensure();
    mwi.ensure(); // a re-registration while subscribed: no second SUBSCRIBE
    expect(created).toHaveLength(1);
    expect(created[0]!.subscribed).toBe(1);
    created[0]!.notify('Messages-Waiting: yes\r\nVoice-Message: 1/0\r\n');
    expect(created[0]!.accepted).toBe(1);
    expect(summaries[0]?.classes['voice-message']?.new).toBe(1);
  });

  it('accepts but ignores a NOTIFY whose body does not parse, with a warning', () => {
    const { mwi, created, summaries, warnings } = setup();
    mwi.ensure();
    created[0]!.notify('Voice-Message: 1/0');
    expect(created[0]!.accepted).toBe(1);
    expect(summaries).toHaveLength(0);
    expect(warnings[0]).toMatch(/MWI: ignored a NOTIFY body \(Messages-Waiting is missing\)/);
  });

  it('subscribes again after the subscription ended, and stop() disposes it', async () => {
    const { mwi, created } = setup();
    mwi.ensure();
    created[0]!.setState(SubscriptionState.Terminated);
    mwi.ensure();
    expect(created).toHaveLength(2);
    await mwi.stop();
    expect(created[1]!.disposed).toBe(1);
    mwi.ensure();
    expect(created).toHaveLength(3);
  });
});
