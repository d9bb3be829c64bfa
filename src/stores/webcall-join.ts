/**
 * The camera preview of the customer's join page classifies getUserMedia failures with the rooms port's
 * error model, so that the preview and the room speak of a failure in the same words. Screens never
 * import src/webcall directly (lint/layers.js); the join flow itself lives in join-page.ts.
 */
export { mediaError, RoomError } from '../webcall/rooms';
