/**
 * The reference server: one HTTP port with three faces — the static PWA, `/api/*`, and the
 * `/sip` WebSocket (embedded registrar/proxy).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ClientConfig, type HealthResponse } from '../src/api/schemas';
import { AccountStore } from './accounts';
import { createApiRouter, sendError, type RouteModule } from './api/routes';
import { SessionStore } from './api/session';
import { DEFAULT_OPTIONS, type ServerOptions } from './config';
import { externalSipService } from './credentials/external';
import { credentialsRoutes, resolveEphemeralSecret } from './credentials/routes';
import { openDatabase } from './db';
import { applySecurityHeaders } from './http/security';
import { createStaticHandler } from './http/static';
import { createLogger, type Logger } from './log';
import { agentRoutes } from './agent/routes';
import { AgentStore } from './agent/store';
import { seedAgentDemo } from './seed/agent-demo';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './seed/demo';
import { createSipService, type SipService, type SipStats } from './sip';
import { sipjsGrammar } from './sip/sipjs-grammar';
import { rejectUpgrade } from './sip/transport';
import { WebcallAudit } from './webcall/audit';
import { createGuestPolicy } from './webcall/sip-guests';
import { webcallRoutes } from './webcall/routes';
import { loadOrCreateSigner } from './webcall/signing';

export type { ServerOptions } from './config';

export interface RegistrarView {
  /** Addresses of record with at least one binding. */
  readonly aors: number;
  /** Live bindings (registered contacts) in total. */
  readonly bindings: number;
  /** REGISTER requests handled since start. */
  readonly registers: number;
  /** Contact URIs currently bound to a username. */
  contacts(aor: string): string[];
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** The options in effect (defaults filled in). */
  options: ServerOptions;
  /** Live registrar counters and lookups. */
  registrar: RegistrarView;
  /** SIP counters: connections, transactions, parse errors... */
  sipStats(): SipStats;
  /** Stops listening, drops every WebSocket and HTTP connection, closes the database. */
  close(): Promise<void>;
}

const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(
  overrides: Partial<ServerOptions> = {},
  logger?: Logger,
): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const log = logger ?? createLogger(options.logLevel);
  const startedAt = Date.now();
  const external = options.sipServer === 'external';
  if (external && !/^wss?:\/\//i.test(options.sipWsUrl)) {
    throw new Error('SIP_SERVER=external needs SIP_WS_URL (the ws:// or wss:// URL of the SIP server)');
  }
  const ephemeralSecret = resolveEphemeralSecret(options, log.child('credentials'));
  // The secret in effect (also for other features minting ephemeral credentials, e.g. webcall guests).
  options.ephemeralSecret = ephemeralSecret;

  const db = openDatabase(resolve(options.dataDir));
  let sip: SipService | undefined;
  try {
    const accounts = new AccountStore(db, options.sipDomain);
    seedDemoAccounts(accounts, options.demoPassword);

    const localHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...options.localHosts]);
    if (options.host && !['0.0.0.0', '::'].includes(options.host)) localHosts.add(urlHost(options.host));
    sip = external
      ? externalSipService(options.sipWsUrl)
      : createSipService({
          domain: options.sipDomain,
          localHosts: [...localHosts],
          accounts: { exists: (u) => accounts.get(u) !== undefined, ha1: (u) => accounts.ha1(u) },
          log: log.child('sip'),
          grammar: process.env.SIP_PARSER === 'sipjs' ? sipjsGrammar : undefined,
          maxFrameBytes: options.maxFrameBytes,
          wsPingIntervalMs: options.wsPingIntervalMs,
          nonceTtlMs: options.nonceTtlMs,
          minExpires: options.minExpires,
          maxExpires: options.maxExpires,
          defaultExpires: options.defaultExpires,
          maxBindingsPerAor: options.maxBindingsPerAor,
          inviteTimeoutMs: options.inviteTimeoutMs,
          nonInviteTimeoutMs: options.nonInviteTimeoutMs,
          guests: createGuestPolicy({ secret: ephemeralSecret, rooms: new WebcallAudit(db) }),
        });
    const sipService = sip;

    const linkSigner = loadOrCreateSigner(resolve(options.dataDir));
    const clientConfig = ClientConfig.parse({
      sipDomain: options.sipDomain,
      wsUrl: external ? options.sipWsUrl : '/sip',
      iceServers: [],
      demoAccounts: DEMO_ACCOUNTS.map((a) => a.username),
      sipAuth: external ? 'ephemeral' : 'password',
      webcall: {
        signingKey: linkSigner.publicKey,
        ...(options.sendbirdAppId ? { sendbirdAppId: options.sendbirdAppId } : {}),
      },
    });
    const sessions = new SessionStore(accounts);
    // Feature endpoints (webcall, agent, credentials) are added to this list as they land.
    const agentStore = new AgentStore(db);
    seedAgentDemo(agentStore);
    const routeModules: RouteModule[] = [
      agentRoutes({ store: agentStore }),
      webcallRoutes({
        ...options,
        db,
        ephemeralSecret,
        signer: linkSigner,
        sipWsUrl: external ? options.sipWsUrl : '/sip',
        log: log.child('webcall'),
      }),
      credentialsRoutes({
        secret: ephemeralSecret,
        ttlSeconds: options.sipCredentialsTtlS,
        turnUrls: options.turnUrls,
        iceTransportPolicy: options.iceTransportPolicy,
      }),
    ];
    const api = createApiRouter(
      {
        sessions,
        config: () => clientConfig,
        health: (): HealthResponse => ({
          status: 'ok',
          version: VERSION,
          uptimeS: Math.round((Date.now() - startedAt) / 1000),
          sip: { mode: options.sipServer, registrations: sipService.stats().bindings },
        }),
      },
      routeModules,
    );
    const serveStatic = createStaticHandler(options.staticDir);
    const httpLog = log.child('http');

    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      applySecurityHeaders(res);
      let pathname: string;
      try {
        pathname = new URL(req.url ?? '/', 'http://x').pathname;
      } catch {
        pathname = '';
      }
      if (!pathname.startsWith('/') || (req.url ?? '').startsWith('//')) {
        res.statusCode = 400;
        res.end('Bad Request\n');
        return;
      }
      // Use the raw path for static files so that `..` is not silently resolved by URL.
      const rawPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
      if (pathname === '/api' || pathname.startsWith('/api/')) {
        void api.handle(req, res, new URL(req.url ?? '/', 'http://x'));
        return;
      }
      if (pathname === '/sip') {
        res.setHeader('Upgrade', 'websocket');
        return sendError(res, 426, 'upgrade_required', 'Connect with a WebSocket using subprotocol "sip".');
      }
      serveStatic(req, res, rawPath).catch((error: unknown) => {
        httpLog.error(`static ${rawPath}: ${(error as Error).message}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    };

    const server = createServer({ keepAliveTimeout: 5000 }, onRequest);
    server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (!sipService.handleUpgrade(req, socket, head)) {
        rejectUpgrade(socket, 404, 'Not Found', 'WebSockets are served at /sip only.');
      }
    });
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });

    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port, options.host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${urlHost(options.host)}:${port}`;
    if (!(await serveStatic.hasBuild())) {
      log.warn(`no index.html in ${resolve(options.staticDir)}: run \`npm run build\` to serve the app`);
    }

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      options,
      registrar: {
        get aors() {
          return sipService.stats().aors;
        },
        get bindings() {
          return sipService.stats().bindings;
        },
        get registers() {
          return sipService.stats().registers;
        },
        contacts: (aor) => sipService.lookup(aor).map((b) => b.contact.uri.raw),
      },
      sipStats: () => sipService.stats(),
      close() {
        closing ??= (async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          sipService.close();
          server.closeAllConnections();
          await closed;
          db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    sip?.close();
    db.close();
    throw error;
  }
}
