/**
 * SIP test clients for every server test and benchmark: `TestPhone` (inbox-style, parses what it
 * receives with sip.js so tests prove sip.js reads our output) and `SipClient` (transaction-style, over
 * WebSocket or UDP, for Kamailio and load runs). Both build and answer messages with ./wire.
 */
export * from './wire';
export * from './test-phone';
export * from './sip-client';
