/**
 * Posts a signed inbound message to a channel, the way the provider would:
 *
 *   node --import tsx scripts/channel-send.ts --from 447700900123 --name "Wendy" --text "Hello"
 *
 * Options: --url (default http://127.0.0.1:8080), --channel (default demo-whatsapp), --kind
 * (whatsapp | generic; default whatsapp), --secret (default: the demo channel's documented secret),
 * --ref (a QR/deep-link parameter such as agent:1002). Prints the server's answer; exits 1 on non-2xx.
 */
import { parseArgs } from 'node:util';
import { DEMO_CHANNEL } from '../server/channels/options';
import { genericInbound, whatsappInbound } from '../server/channels/testing/sign';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    channel: { type: 'string', default: DEMO_CHANNEL.id },
    kind: { type: 'string', default: 'whatsapp' },
    secret: { type: 'string', default: DEMO_CHANNEL.secret },
    from: { type: 'string', default: '447700900123' },
    name: { type: 'string', default: 'Wendy Walker' },
    text: { type: 'string', default: 'Hello, I need help with my order.' },
    ref: { type: 'string' },
  },
});

const now = Date.now();
const id = `msg.${now}.${Math.random().toString(36).slice(2, 8)}`;
const message = {
  id,
  from: values.from,
  name: values.name,
  text: values.text,
  ...(values.ref ? { ref: values.ref } : {}),
};
const signed =
  values.kind === 'generic'
    ? genericInbound(values.secret, message, now)
    : whatsappInbound(values.secret, { ...message, timestampMs: now });

const response = await fetch(`${values.url}/api/channels/${encodeURIComponent(values.channel)}/inbound`, {
  method: 'POST',
  headers: signed.headers,
  body: signed.body,
});
process.stdout.write(`${response.status} ${await response.text()}\n`);
if (!response.ok) process.exit(1);
