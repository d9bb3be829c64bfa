/**
 * `node --import tsx e2e/support/kamailio-launcher.ts`: runs Kamailio (deploy/kamailio/kamailio.cfg) and
 * coturn (deploy/coturn/turnserver.conf) on the loopback ports of kamailio-ports.ts, in the foreground,
 * until it gets SIGTERM/SIGINT (Playwright's webServer stops it that way), then stops both by PID.
 * Playwright waits for the Kamailio WebSocket port; coturn is started (and answers STUN) before it.
 */
import { errorMessage } from '../../src/lib/errors';
import { coturnAvailable, startCoturn, type CoturnHandle } from './coturn';
import { kamailioAvailable, startKamailio, type KamailioHandle } from './kamailio';
import {
  E2E_EPHEMERAL_SECRET,
  KAMAILIO_SERVER_PORT,
  KAMAILIO_SERVER_SIP_PORT,
  KAMAILIO_SIP_PORT,
  KAMAILIO_WS_PORT,
  TURN_MAX_PORT,
  TURN_MIN_PORT,
  TURN_PORT,
} from './kamailio-ports';

async function main(): Promise<void> {
  const kamailio = kamailioAvailable();
  if (!kamailio.ok) throw new Error(kamailio.reason);
  let turn: CoturnHandle | null = null;
  let kam: KamailioHandle | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([kam?.stop(), turn?.stop()]);
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  try {
    if (coturnAvailable().ok) {
      turn = await startCoturn({
        secret: E2E_EPHEMERAL_SECRET,
        port: TURN_PORT,
        minPort: TURN_MIN_PORT,
        maxPort: TURN_MAX_PORT,
      });
    } else {
      process.stderr.write('[kamailio-launcher] coturn is not installed: no TURN server\n');
    }
    kam = await startKamailio({
      secret: E2E_EPHEMERAL_SECRET,
      wsPort: KAMAILIO_WS_PORT,
      sipPort: KAMAILIO_SIP_PORT,
      // The pages of the reference server in front of this Kamailio (playwright.config.ts).
      wsOrigin: `http://127.0.0.1:${KAMAILIO_SERVER_PORT}`,
      // Offline messages (msilo) in a db_text store inside this run's temp dir (e2e/chat/messages-kamailio.spec.ts).
      offlineMessages: true,
      // Chat history: copies of text MESSAGEs to the reference server's loopback listener (ADR 0033).
      defines: [`CHAT_HISTORY_SIP="127.0.0.1:${KAMAILIO_SERVER_SIP_PORT}"`],
    });
  } catch (error) {
    process.stderr.write(`[kamailio-launcher] ${errorMessage(error)}\n`);
    await stop(1);
    return;
  }
  process.stdout.write(
    `[kamailio-launcher] ${kamailio.version} on ${kam.wsUrl} (SIP ${kam.sipUdp})` +
      `${turn ? `, coturn on ${turn.listenIp}:${turn.port}` : ''}; log ${kam.logFile}\n`,
  );
  // Exit (and stop both) if Kamailio dies, so the run fails loudly instead of timing out.
  const watch = setInterval(() => {
    try {
      if (kam) process.kill(kam.pid, 0);
    } catch {
      clearInterval(watch);
      process.stderr.write(`[kamailio-launcher] Kamailio exited; log:\n${kam?.readLog().slice(-4000)}\n`);
      void stop(1);
    }
  }, 1000);
}

main().catch((error: unknown) => {
  process.stderr.write(`[kamailio-launcher] ${String(error)}\n`);
  process.exit(1);
});
