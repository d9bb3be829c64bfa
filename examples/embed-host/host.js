// The demo host page's script: loads the embed SDK from the Openline server (its address comes from
// /demo-config.json, written by the demo server), mounts Openline and wires the buttons and the log.
const byId = (id) => document.getElementById(id);

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  byId('log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function status(text) {
  byId('status').textContent = text;
}

async function run(label, action) {
  try {
    const value = await action();
    log(`${label}: ok ${JSON.stringify(value)}`);
    return value;
  } catch (error) {
    log(`${label}: ${error.code ?? 'error'}: ${error.message}`);
    status(`${label} failed: ${error.message}`);
    return undefined;
  }
}

const { appUrl } = await (await fetch('/demo-config.json')).json();
const { Openline } = await import(new URL('/embed/openline-embed.js', appUrl).href);
const phone = Openline.mount(byId('phone'), { url: appUrl });
window.openlinePhone = phone; // for the console (and the e2e test)

for (const event of ['registration', 'incoming', 'answered', 'ended']) {
  phone.on(event, (data) => log(`event ${event} ${JSON.stringify(data)}`));
}
phone.on('registration', ({ state }) => status(`Openline: ${state}`));
phone.ready.then(
  ({ registration }) => {
    status(`Openline: ${registration}`);
    log(`ready (registration ${registration})`);
  },
  (error) => {
    status(`Openline refused this page: ${error.message}`);
    log(`ready: ${error.code}: ${error.message}`);
  },
);

byId('call-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run('makeCall', () => phone.makeCall(byId('number').value));
});
byId('hangup').addEventListener('click', () => void run('hangup', () => phone.hangup()));
byId('link-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = await run('sendWebcallLink', () =>
    phone.sendWebcallLink(byId('ticket').value, byId('customer').value),
  );
  if (result) status(`Webcall link ready: ${result.url}`);
});
