import { encodeLink } from '../webcall/link';
import { joinRoom } from '../webcall/join-room';
import { callLog } from './call-log-instance';
import { useCallsStore } from './calls';
import { phoneBridge, platformApi } from './phone-bridge-instance';
import { useRegistrationStore } from './registration';
import { noteRoomOpened } from './room-calls';
import { createWebcallAgent } from './webcall-agent';
import { createRoomLog } from './webcall-room-log';

/** The app's one webcall panel state, wired to the platform API and the phone bridge. */
export const webcallAgent = createWebcallAgent({
  api: platformApi.webcall,
  encodeLink,
  answer: (callId) => phoneBridge.answer(callId, true),
  hangup: (callId) => phoneBridge.hangup(callId),
  calls: useCallsStore,
  rooms: { join: joinRoom },
  location: window.location,
});

/** Every room the agent opens goes into History when it ends (docs/history.md, ADR 0013). */
createRoomLog({
  agent: webcallAgent.useStore,
  account: () => useRegistrationStore.getState().account,
  record: (entry) => callLog.record(entry),
  opened: noteRoomOpened,
  sipCallIdOf: (callId) => useCallsStore.getState().calls[callId]?.sipCallId ?? null,
  failed: (error) => console.warn('Openline: could not record the webcall room in History', error),
});
