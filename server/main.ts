/**
 * `node --import tsx server/main.ts`: start the reference server from environment variables.
 */
import { startServer } from './app';
import { channelsDemoEnabled } from './channels';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config';
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
