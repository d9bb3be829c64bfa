/**
 * `node --import tsx server/main.ts`: start the reference server from environment variables.
 */
import { startServer } from './app';
import { channelsDemoEnabled } from './channels';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config';
import { startEmbedDemo, type EmbedDemo } from './embed-demo';
import { DEMO_ACCOUNTS } from './seed/demo';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { sipDomain, demoPassword } = server.options;
  const external = server.options.sipServer === 'external';
  const wsUrl = external ? server.options.sipWsUrl : server.url.replace(/^http/, 'ws') + '/sip';
  process.stdout.write(
    [
      '',
      `Openline is running at ${server.url}`,
      `  SIP over WebSocket: ${wsUrl}  (domain ${sipDomain}${external ? ', external server, ephemeral credentials' : ''})`,
      // A password of the operator's choosing is a secret: never printed.
      demoPassword === DEFAULT_DEMO_PASSWORD
        ? `  Demo logins (password "${demoPassword}"):`
        : '  Demo logins (password from DEMO_PASSWORD):',
      ...DEMO_ACCOUNTS.map((a) => `    ${a.username}@${sipDomain}  ${a.displayName}`),
      ...(channelsDemoEnabled(server.options)
        ? [
            '  Demo WhatsApp channel "demo-whatsapp" (fake provider): post a customer message with',
            `    node --import tsx scripts/channel-send.ts --url ${server.url} --text "Hello"  (docs/channels.md)`,
          ]
        : []),
      '',
      '',
    ].join('\n'),
  );

  // Issue 13: the embed demo host page on a second port, another origin than the app (docs/embedding.md).
  let demo: EmbedDemo | undefined;
  const demoPort = process.env.EMBED_DEMO_PORT;
  if (demoPort) {
    if (!/^\d{1,5}$/.test(demoPort) || Number(demoPort) > 65535) {
      process.stderr.write(`EMBED_DEMO_PORT must be a port number (got "${demoPort}").\n`);
      process.exit(2);
    }
    const appHost = new URL(server.url).hostname;
    demo = await startEmbedDemo({
      port: Number(demoPort),
      host: server.options.host,
      // Another site than the app's, so the demo really is cross-site: localhost ↔ 127.0.0.1.
      publicHost: process.env.EMBED_DEMO_HOST ?? (appHost === 'localhost' ? '127.0.0.1' : 'localhost'),
      appUrl: process.env.EMBED_DEMO_APP_URL ?? server.url,
    });
    process.stdout.write(`Embed demo host page: ${demo.url}  (allow ${demo.url} in Admin → Embedding)\n\n`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void demo?.close();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`Port already in use (${e.message}). Set PORT to another value.\n`);
  } else {
    process.stderr.write(`Openline failed to start: ${e.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
