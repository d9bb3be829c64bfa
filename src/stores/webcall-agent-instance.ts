import { requestJson } from '../api/client';
import { WebcallCloseResult, WebcallConfig, WebcallRoom, WebcallSendResult } from '../api/schemas';
import { encodeLink } from '../webcall/link';
import { joinRoom } from '../webcall/join-room';
import { useCallsStore } from './calls';
import { phoneBridge } from './phone-bridge-instance';
import { createWebcallAgent } from './webcall-agent';

/** The app's one webcall panel state, wired to the platform API and the phone bridge. */
export const webcallAgent = createWebcallAgent({
  api: {
    config: () => requestJson('GET', '/api/webcall/config', WebcallConfig),
    createRoom: (body) => requestJson('POST', '/api/webcall/rooms', WebcallRoom, { body }),
    send: (roomId, body) =>
      requestJson('POST', `/api/webcall/rooms/${encodeURIComponent(roomId)}/send`, WebcallSendResult, {
        body,
      }),
    close: (roomId) =>
      requestJson('POST', `/api/webcall/rooms/${encodeURIComponent(roomId)}/close`, WebcallCloseResult),
  },
  encodeLink,
  answer: (callId) => phoneBridge.answer(callId, true),
  hangup: (callId) => phoneBridge.hangup(callId),
  calls: useCallsStore,
  joinRoom,
  location: window.location,
});
