import { cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSinkId } from './useCallDevices';

vi.mock('../../stores/phone-bridge-instance', () => ({ phoneBridge: {} }));

const prepared = new WeakSet<HTMLAudioElement>();

/** An <audio> whose `setSinkId` is recorded and, like Chromium's, changes `sinkId` ('' at first). */
function withSinkId(element: HTMLAudioElement, calls: string[]): void {
  if (prepared.has(element)) return;
  prepared.add(element);
  let current = '';
  Object.defineProperty(element, 'sinkId', { configurable: true, get: () => current });
  Object.defineProperty(element, 'setSinkId', {
    configurable: true,
    value: (id: string) => {
      calls.push(id);
      current = id;
      return Promise.resolve();
    },
  });
}

function Player({ sinkId, calls }: { sinkId: string | undefined; calls: string[] }) {
  const ref = useRef<HTMLAudioElement>(null);
  useSinkId(ref, sinkId);
  return (
    <audio
      ref={(element) => {
        if (element) withSinkId(element, calls);
        ref.current = element;
      }}
    />
  );
}

afterEach(cleanup);

describe('useSinkId', () => {
  it('leaves an element on the default output alone when no device was chosen', () => {
    const calls: string[] = [];
    render(<Player sinkId={undefined} calls={calls} />);
    expect(calls).toEqual([]);
  });

  it('moves the element to a chosen device, and back to the default when the choice is cleared', async () => {
    const calls: string[] = [];
    const view = render(<Player sinkId="speaker-2" calls={calls} />);
    expect(calls).toEqual(['speaker-2']);
    await Promise.resolve();
    view.rerender(<Player sinkId="speaker-2" calls={calls} />);
    expect(calls).toEqual(['speaker-2']);
    view.rerender(<Player sinkId={undefined} calls={calls} />);
    expect(calls).toEqual(['speaker-2', '']);
  });
});
