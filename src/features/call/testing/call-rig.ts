/**
 * One test rig for the call layer's component tests (CallBar.test, CallLayer.test): the real call
 * commands, device service and quality watch over a FakeEngine, in place of the app's bridge (which
 * would open IndexedDB). Use with
 * `vi.mock('../../stores/phone-bridge-instance', async () => (await import('./testing/call-rig')).bridgeModule)`.
 */
import { createCallCommands } from '../../../stores/call-commands';
import { watchCallQuality } from '../../../stores/call-quality';
import { useCallsStore } from '../../../stores/calls';
import { createDeviceService } from '../../../stores/devices';
import { createPhoneEngineLink, type PhoneEngineLink } from '../../../stores/phone-engine-link';
import { CallState } from '../../../stores/phone-types';
import { FakeEngine } from '../../../stores/testing/fake-engine';

const current: { bridge: Record<string, unknown> | null } = { bridge: null };

export const bridgeModule = {
  phoneBridge: new Proxy({}, { get: (_target, key: string) => current.bridge?.[key] }),
  // Caller names come from contacts, which sync the directory through the platform API.
  platformApi: { phonebook: { changes: () => Promise.resolve(null) } },
};

export interface CallRig {
  engine: FakeEngine;
  link: PhoneEngineLink;
  /** One call-quality reading of every watched call (the watch's timer, driven by the test). */
  readQuality(): Promise<void>;
  dispose(): void;
}

export function createCallRig(): CallRig {
  const engine = new FakeEngine();
  const link = createPhoneEngineLink({ createEngine: () => engine });
  const ticks = new Set<() => void>();
  current.bridge = {
    ...createCallCommands(link),
    devices: createDeviceService({
      media: null,
      storage: null,
      useInputDevice: (kind, id) => engine.useInputDevice(kind, id),
      inCall: () => false,
    }),
    watchQuality: (callId: string) =>
      watchCallQuality(callId, {
        getStats: (id) => engine.getStats(id),
        callState: (id) => {
          const call = useCallsStore.getState().calls[id];
          return call?.state === CallState.Active ? { held: call.held, muted: call.muted } : null;
        },
        every: (run) => {
          ticks.add(run);
          return () => ticks.delete(run);
        },
      }),
  };
  link.get();
  return {
    engine,
    link,
    async readQuality() {
      for (const tick of ticks) tick();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    dispose() {
      link.dispose();
      current.bridge = null;
    },
  };
}
