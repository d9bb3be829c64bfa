/**
 * The reference server: one HTTP port with three faces — the static PWA, `/api/*`, and the
 * `/sip` WebSocket (embedded registrar/proxy).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { join, resolve } from 'node:path';
import { ClientConfig, type HealthResponse } from '../src/api/schemas';
import { AccountStore } from './accounts';
import { registerApiRoutes, type RouteModule } from './api/routes';
import { PasswordThrottle } from './api/password-throttle';
import { readSessionCookie, SessionStore } from './api/session';
import { ConfigError, DEFAULT_OPTIONS, defaultPasswordProblem, type ServerOptions } from './config';
import { externalSipService } from './credentials/external';
import { credentialsRoutes, resolveEphemeralSecret } from './credentials/routes';
import { openDatabase } from './db';
import { createHttpApp } from './http/app';
import { connectSources } from './http/security';
import { createLogger, type Logger } from './log';
import { createOfflineChat } from './chat';
import { attachmentLimitsFromEnv, attachmentRoutes } from './chat/attachment-routes';
import { createChatHistory } from './chat/history-routes';
import { kamailioHistoryCopies } from './chat/kamailio-history';
import { AccountsService } from './admin/accounts-service';
import { accountsRoutes } from './admin/accounts-routes';
import { auditWriter } from './admin/audit';
import { loginRefusal } from './admin/login-policy';
import { RateWindow } from './admin/rate-window';
import { createPushService } from './push';
import { createChannels, type Channels } from './channels';
import { agentAdminRoutes } from './agent/admin-routes';
import { AgentDefinitionsStore } from './agent/definitions-store';
import { agentRoutes } from './agent/routes';
import { DEMO_SCRIPTS } from './agent/scripts';
import { scriptRegistry } from './agent/scripts/operator-scripts';
import { AgentStore } from './agent/store';
import { seedAgentDemo } from './seed/agent-demo';
import { seedDirectory } from './seed/directory';
import { directoryRoutes } from './directory/routes';
import { DirectoryStore } from './directory/store';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './seed/demo';
import { createSipService, type SipService, type SipStats } from './sip';
import { sipjsGrammar } from './sip/sipjs-grammar';
import { rejectUpgrade } from './sip/transport';
import { WebcallAudit } from './webcall/audit';
import { createGuestPolicy } from './webcall/sip-guests';
import { WebcallChatHub } from './webcall/chat-hub';
import { webcallChatRoutes } from './webcall/chat-routes';
import { chatFileRoutes } from './webcall/chat-file-routes';
import { ChatFileDir } from './webcall/chat-files';
import { SendRate } from './webcall/chat-rate';
import { WebcallChatStore } from './webcall/chat-store';
import { webcallRoutes } from './webcall/routes';
import { availabilityRoutes } from './webcall/availability-routes';
import { loadOrCreateSigner } from './webcall/signing';
import { voicemailIngest } from './voicemail/ingest';
import { voicemailRoutes } from './voicemail/routes';
import { VoicemailStore } from './voicemail/store';
import { createDepositAgent, kamailioNoAnswer, startKamailioDeposit } from './voicemail/deposit';
import { greetingUpload } from './voicemail/greeting-upload';
import { voicemailSettingsRoutes } from './voicemail/settings-routes';
import { VoicemailSettingsStore } from './voicemail/settings-store';
import type { DepositStats } from './voicemail/deposit-agent';
import { MwiNotifier } from './voicemail/mwi';
import type { SipTcpListener } from './voicemail/sip-tcp-listener';
import { ConfigEventHub } from './webphone/events';
import { webphoneRoutes } from './webphone/routes';
import { WebphoneConfigStore } from './webphone/store';

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
  /** The voicemail endpoint's counters (absent with VOICEMAIL_DEPOSIT=off). */
  voicemailDeposits?(): DepositStats;
  /** Kamailio mode: host:port of the voicemail SIP/TCP listener (absent when it is not running). */
  voicemailSipAddress?: string;
  /** SIP counters: connections, transactions, parse errors... */
  sipStats(): SipStats;
  /** Every `/api` endpoint (method and path pattern). */
  apiEndpoints(): Array<{ method: string; path: string }>;
  /**
   * Graceful stop: stops accepting connections, closes WebSockets with 1001 (going away), lets in-flight
   * HTTP requests finish, then closes the database.
   */
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
  const passwordProblem = defaultPasswordProblem(options);
  if (passwordProblem) throw new ConfigError([passwordProblem]);
  const startedAt = Date.now();
  const external = options.sipServer === 'external';
  if (external && !/^wss?:\/\//i.test(options.sipWsUrl)) {
    throw new Error('SIP_SERVER=external needs SIP_WS_URL (the ws:// or wss:// URL of the SIP server)');
  }
  const ephemeralSecret = resolveEphemeralSecret(options, log.child('credentials'), resolve(options.dataDir));
  // The secret in effect (also for other features minting ephemeral credentials, e.g. webcall guests).
  options.ephemeralSecret = ephemeralSecret;

  const db = openDatabase(resolve(options.dataDir));
  let sip: SipService | undefined;
  let httpApp: FastifyInstance | undefined;
  let vmSip: SipTcpListener | undefined;
  let webphoneEvents: ConfigEventHub | undefined;
  let channels: Channels | undefined;
  let webcallChat: { hub: WebcallChatHub; purge: ReturnType<typeof setInterval> } | undefined;
  try {
    const accounts = new AccountStore(db, options.sipDomain);
    seedDemoAccounts(accounts, options.demoPassword);
    // Issue 13: the operator's webphone configuration (also the sign-in rule: Restrict Customer Login).
    const webphone = new WebphoneConfigStore(db);
    /** Why an account may not sign in, get credentials or register now; null: it may. */
    const refusalOf = (username: string) => {
      const account = accounts.get(username);
      return account ? loginRefusal(account, webphone.get().config) : null;
    };

    const voicemail = new VoicemailStore(db, resolve(options.dataDir));
    const mwi = new MwiNotifier({
      domain: options.sipDomain,
      counts: (user) => voicemail.counts(user),
      log: log.child('mwi'),
    });
    voicemail.onChange((owner) => mwi.changed(owner));

    // Push-then-INVITE: wakes closed apps for the embedded proxy (server/push).
    const push = createPushService({
      db,
      dataDir: resolve(options.dataDir),
      sipDomain: options.sipDomain,
      options,
      log: log.child('push'),
      fallback: (call) => sip?.divert(call) ?? false, // voicemail takes a held call nobody woke for
    });
    const voicemailSettings = new VoicemailSettingsStore(db, resolve(options.dataDir));
    const depositAgent = createDepositAgent(options, voicemail, voicemailSettings, log.child('voicemail'));
    // Chat (issue 14): MESSAGEs for users who are not registered wait here until they register.
    // Checked at start, so a bad ATTACHMENTS_* value stops the server rather than the first upload.
    const attachmentLimits = attachmentLimitsFromEnv(process.env);
    // Chat history (GET /api/messages): what the embedded proxy routed between accounts.
    const chatHistory = createChatHistory({
      db,
      domain: options.sipDomain,
      accountExists: (u) => accounts.get(u) !== undefined,
    });
    const offlineChat = createOfflineChat({
      db,
      domain: options.sipDomain,
      log: log.child('chat'),
      lookup: (aor) => sip?.lookup(aor) ?? [],
      accountExists: (u) => accounts.get(u) !== undefined,
      history: chatHistory.tap,
    });
    const localHosts = new Set(['localhost', '127.0.0.1', '[::1]', ...options.localHosts]);
    if (options.host && !['0.0.0.0', '::'].includes(options.host)) localHosts.add(urlHost(options.host));
    sip = external
      ? externalSipService(options.sipWsUrl)
      : createSipService({
          domain: options.sipDomain,
          localHosts: [...localHosts],
          accounts: {
            exists: (u) => accounts.get(u) !== undefined,
            ha1: (u) => accounts.ha1(u),
            refusal: (u) => refusalOf(u)?.message,
          },
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
          events: mwi,
          unreachable: push.held,
          voicemail: depositAgent,
          offline: offlineChat,
          messages: chatHistory.tap,
        });
    const sipService = sip;
    // Kamailio mode: the voicemail endpoint listens on loopback SIP/TCP for Kamailio's failure_route
    // and its MWI subscriptions.
    const accountExists = (u: string) => accounts.get(u) !== undefined;
    vmSip = await startKamailioDeposit(
      options,
      depositAgent,
      accountExists,
      log.child('voicemail'),
      {
        notifier: mwi,
        noAnswer: (user) => kamailioNoAnswer(voicemailSettings, user),
      },
      kamailioHistoryCopies(chatHistory.tap, options.sipDomain),
    );
    voicemailSettings.onChange((user) => mwi.changed(user)); // Kamailio learns the new ring time

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
    const sessions = new SessionStore(db, accounts, options.sessionLimits);
    sessions.setPolicy((account) => loginRefusal(account, webphone.get().config));
    const accountsService = new AccountsService({
      accounts,
      audit: auditWriter(db),
      signOut: (username) => {
        sessions.endAll(username);
        sipService.disconnect(username);
      },
      defaults: {
        copy: (from, to) => voicemailSettings.set(to, voicemailSettings.get(from)),
      },
      // Contacts and the agent CRM list accounts from the directory.
      changed: (account) => directory.upsertAccount(account.username, account.displayName),
    });
    // Feature endpoints (webcall, agent, credentials) are added to this list as they land.
    // The company directory: accounts and outside contacts, shared by Contacts and the agent CRM.
    const directory = new DirectoryStore(db);
    seedDirectory(directory, accounts.list());
    const agentStore = new AgentStore(db, Date.now, directory);
    seedAgentDemo(agentStore);
    // Issue 13: the configuration's audit and the stream telling open apps of changes.
    webphoneEvents = new ConfigEventHub();
    const configEvents = webphoneEvents;
    webphone.onChange((revision) => configEvents.publish(revision));
    // Restrict Customer Login switched on (or a company delisted): refused accounts lose their SIP sockets.
    webphone.onChange(() => {
      for (const account of accounts.list()) {
        if (refusalOf(account.username)) sipService.disconnect(account.username);
      }
    });
    // Issue 14: customers on WhatsApp/Viber/webhooks reach agents (server/channels, ADR 0020).
    const isAgent = (u: string) => ['agent', 'admin'].includes(accounts.get(u)?.role ?? '');
    let selfUrl = '';
    channels = createChannels({
      db,
      options,
      log: log.child('channels'),
      isAgent,
      isRegistered: (u) => sipService.lookup(u).length > 0,
      agents: () =>
        accounts
          .list()
          .filter((a) => isAgent(a.username))
          .map((a) => a.username),
      baseUrl: () => selfUrl,
      // ADR 0029: customers' files kept beside chat attachments; the call timeline reads the proxy's calls.
      attachments: {
        dataDir: resolve(options.dataDir),
        maxBytes: attachmentLimits.ATTACHMENTS_MAX_BYTES,
        quotaBytes: attachmentLimits.ATTACHMENTS_QUOTA_MB * 1_000_000,
        maxAgeMs: attachmentLimits.ATTACHMENTS_MAX_AGE_DAYS * 86_400_000,
      },
      // Behind Kamailio there are no dialogs here: the agents' apps report their rooms' calls (ADR 0034).
      ...(external
        ? {}
        : {
            callPeers: (username: string) => sipService.callPeers(username),
            onCallChange: (listener: (parties: [string, string]) => void) =>
              sipService.onCallChange(listener),
          }),
    });
    // Issue 14: room conversations between the join page and the agent, purged when links expire.
    const chatHub = new WebcallChatHub();
    // ADR 0030: files sent in room conversations, purged with the messages at link expiry.
    const chatFiles = new ChatFileDir(join(resolve(options.dataDir), 'webcall-files'));
    const chatRate = new SendRate();
    const fileTransfer = () => webphone.get().config.joinWidget.fileTransfer;
    const chatStore = new WebcallChatStore(db, chatFiles);
    webcallChat = { hub: chatHub, purge: setInterval(() => chatStore.purgeExpired(Date.now()), 60_000) };
    webcallChat.purge.unref();
    const agentScripts = await scriptRegistry(
      join(resolve(options.dataDir), 'scripts'),
      DEMO_SCRIPTS,
      log.child('scripts'),
    );
    // Issue 13: buttons and forms built in Admin (ADR 0022); open Agent tabs reload them when told.
    const agentDefinitions = new AgentDefinitionsStore(db, auditWriter(db));
    agentDefinitions.onChange((revision) => configEvents.publish(revision, 'agent'));
    const routeModules: RouteModule[] = [
      channels.routes,
      chatHistory.routes,
      webphoneRoutes({ store: webphone, accounts, events: configEvents }),
      accountsRoutes({
        service: accountsService,
        accounts,
        config: () => webphone.get().config,
        signupLimit: new RateWindow({ perKey: 5, total: 50, windowMs: 60 * 60 * 1000 }),
      }),
      directoryRoutes(directory),
      agentRoutes({ store: agentStore, scripts: agentScripts }),
      agentAdminRoutes({ definitions: agentDefinitions, accounts, scripts: () => [...agentScripts.keys()] }),
      voicemailRoutes(voicemail),
      voicemailSettingsRoutes({
        settings: voicemailSettings,
        defaultNoAnswerMs: options.voicemailNoAnswerMs,
      }),
      push.routes,
      webcallRoutes({
        ...options,
        db,
        ephemeralSecret,
        signer: linkSigner,
        sipWsUrl: external ? options.sipWsUrl : '/sip',
        log: log.child('webcall'),
      }),
      availabilityRoutes({
        db,
        secret: ephemeralSecret,
        openingHours: () => webphone.get().config.joinWidget.openingHours,
        callPeers: (username) => sip?.callPeers(username) ?? [],
        onAsked: (roomId) => channels?.calls.opened(roomId),
      }),
      webcallChatRoutes({
        db,
        secret: ephemeralSecret,
        hub: chatHub,
        preChat: () => webphone.get().config.joinWidget.preChat,
        fileTransfer,
        files: chatFiles,
        rate: chatRate,
      }),
      credentialsRoutes({
        secret: ephemeralSecret,
        ttlSeconds: options.sipCredentialsTtlS,
        turnUrls: options.turnUrls,
        iceTransportPolicy: options.iceTransportPolicy,
        refusal: refusalOf,
      }),
    ];
    const { app, router, site } = await createHttpApp(
      {
        ...options,
        connectSrc: connectSources(options),
        embedOrigins: () => webphone.get().config.embed.allowedOrigins,
      },
      log.child('http'),
      (request) => sessions.lookup(readSessionCookie(request)),
    );
    registerApiRoutes(
      router,
      {
        sessions,
        passwordThrottle: new PasswordThrottle(log.child('api'), options.passwordThrottle),
        embeddable: () => webphone.get().config.embed.allowedOrigins.length > 0,
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
    // Ingest has its own (multipart) body parsing, so it is a Fastify plugin, not a RouteModule.
    await app.register(
      voicemailIngest({
        store: voicemail,
        key: options.voicemailIngestKey,
        maxBytes: options.voicemailMaxBytes,
        accountExists: (u) => accounts.get(u) !== undefined,
      }),
    );
    await app.register(
      greetingUpload({
        settings: voicemailSettings,
        defaultNoAnswerMs: options.voicemailNoAnswerMs,
        authenticate: (request) => sessions.lookup(readSessionCookie(request)),
      }),
    );
    await app.register(
      attachmentRoutes({
        db,
        dataDir: resolve(options.dataDir),
        domain: options.sipDomain,
        limits: attachmentLimits,
        log: log.child('chat'),
        authenticate: (request) => sessions.lookup(readSessionCookie(request)),
        accountExists: (u) => accounts.get(u) !== undefined,
      }),
    );
    await app.register(
      chatFileRoutes({
        db,
        secret: ephemeralSecret,
        hub: chatHub,
        files: chatFiles,
        fileTransfer,
        rate: chatRate,
        authenticate: (request) => sessions.lookup(readSessionCookie(request)),
      }),
    );
    await app.register(channels.inbound);
    const server = app.server;
    server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (!sipService.handleUpgrade(req, socket, head)) {
        rejectUpgrade(socket, 404, 'Not Found', 'WebSockets are served at /sip only.');
      }
    });
    httpApp = app;
    await app.listen({ port: options.port, host: options.host });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${urlHost(options.host)}:${port}`;
    selfUrl = url;
    if (!(await site.hasBuild())) {
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
      ...(depositAgent && { voicemailDeposits: () => depositAgent.stats() }),
      ...(vmSip && { voicemailSipAddress: vmSip.address }),
      apiEndpoints: () => router.endpoints(),
      close() {
        closing ??= (async () => {
          // Stop accepting first; app.close() also waits for in-flight requests to be answered.
          // The SIP service refuses new upgrades and sends 1001 (Going Away) to every WebSocket.
          sipService.close();
          webphoneEvents?.close(); // open SSE streams would keep the HTTP server from closing
          await channels?.close();
          webcallChat?.hub.close();
          if (webcallChat) clearInterval(webcallChat.purge);
          mwi.close();
          offlineChat.close();
          chatHistory.close();
          push.close();
          await vmSip?.close();
          await depositAgent?.close();
          await app.close();
          db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    sip?.close();
    await vmSip?.close();
    await httpApp?.close();
    db.close();
    throw error;
  }
}
