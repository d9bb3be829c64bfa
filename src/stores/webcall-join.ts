/**
 * The customer's join page reaches the webcall layer through here: reading the link, verifying it
 * against the server's published config, clearing it from the address bar, describing link errors,
 * joining a room and classifying camera failures. Screens never import src/webcall or src/api directly
 * (lint/layers.js); a room bridge that owns the session belongs here too.
 */
export { describeLinkError, LinkError } from '../webcall/errors';
export { joinRoom } from '../webcall/join-room';
export { joinAddressOf, openJoinLink, stripJoinSecrets } from '../webcall/location';
export { fetchClientConfig } from '../api/client';
export { mediaError, RoomError } from '../webcall/rooms';
