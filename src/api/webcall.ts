/** The webcall link service's routes (signed in as the agent). */
import type { Http } from './client';
import {
  WebcallCloseResult,
  WebcallConfig,
  WebcallRoom,
  WebcallSendResult,
  type WebcallRoomRequest,
  type WebcallSendRequest,
} from './schemas';

export interface WebcallApi {
  /** `GET /api/webcall/config`. */
  config(): Promise<WebcallConfig>;
  /** `POST /api/webcall/rooms`: a room and the credentials for the customer's link. */
  createRoom(request: WebcallRoomRequest): Promise<WebcallRoom>;
  /** `POST /api/webcall/rooms/:id/send`: the link through a messaging channel. */
  send(roomId: string, request: WebcallSendRequest): Promise<WebcallSendResult>;
  /** `POST /api/webcall/rooms/:id/close`: ends the room; the customer's link stops working. */
  close(roomId: string): Promise<WebcallCloseResult>;
}

export function webcallApi(http: Http): WebcallApi {
  return {
    config: () => http.request('GET', '/api/webcall/config', WebcallConfig),
    createRoom: (body) => http.request('POST', '/api/webcall/rooms', WebcallRoom, { body }),
    send: (roomId, body) =>
      http.request('POST', `/api/webcall/rooms/${encodeURIComponent(roomId)}/send`, WebcallSendResult, {
        body,
      }),
    close: (roomId) =>
      http.request('POST', `/api/webcall/rooms/${encodeURIComponent(roomId)}/close`, WebcallCloseResult),
  };
}
