import { createIdbCallLogRepository, memoryCallLogRepository } from '../storage/call-log-repository';
import { createCallLog } from './call-log';
import { createCallLogRecorder } from './call-log-recorder';
import { useRegistrationStore } from './registration';
import { isOpenedRoomGuest } from './room-calls';

/** The app's call log (IndexedDB; in memory where the browser has none). See docs/history.md. */
export const callLog = createCallLog({
  repository: typeof indexedDB === 'undefined' ? memoryCallLogRepository() : createIdbCallLogRepository(),
});

/** Handed to the phone bridge: every call is recorded when it ends, before the UI shows it ended. */
export const callLogRecorder = createCallLogRecorder({
  account: () => useRegistrationStore.getState().account,
  record: (entry) => callLog.record(entry),
  skip: (call) => isOpenedRoomGuest(call.remoteUser),
  failed: (error) => console.warn('Openline: could not record the call in History', error),
});

// The log follows the signed-in account: sign-out hides it, signing in as someone else swaps it.
void callLog.load(useRegistrationStore.getState().account);
useRegistrationStore.subscribe((state, previous) => {
  if (state.account !== previous.account) void callLog.load(state.account);
});
