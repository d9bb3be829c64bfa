import { encodeLink } from '../webcall/link';
import { joinRoom } from '../webcall/join-room';
import { useCallsStore } from './calls';
import { phoneBridge, platformApi } from './phone-bridge-instance';
import { createWebcallAgent } from './webcall-agent';

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
