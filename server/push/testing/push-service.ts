/**
 * A local Web Push service for tests: `web-push-testing` (its model really decrypts RFC 8291 payloads
 * and verifies the VAPID JWT against the subscription's applicationServerKey), run in-process on a
 * free loopback port, with the request headers recorded and a switch to answer 404 for an endpoint.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

interface ExpressLike {
  use(
    handler: (
      req: StandInRequest,
      res: { status(code: number): { send(body: string): void } },
      next: () => void,
    ) => void,
  ): void;
  listen(port: number, host: string, cb: () => void): Server;
}
interface StandInRequest {
  path: string;
  headers: Record<string, string | undefined>;
}
interface WebPushTestingServer {
  _app: ExpressLike;
  setRequestHandlers(): void;
}
interface StandInSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

const require = createRequire(import.meta.url);
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as {
  PushApiModel: new () => { notifyUrl: string };
};
const WebPushTestingServerClass = require('web-push-testing/src/server.js') as new (
  model: unknown,
  port: number,
) => WebPushTestingServer;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export class LocalPushService {
  /** Headers of every push request that reached /notify, in order. */
  readonly requests: Array<{ clientHash: string; headers: Record<string, string | undefined> }> = [];
  /** Endpoints (client hashes) answered 404 Not Found, like a push service that forgot them. */
  readonly notFound = new Set<string>();

  private constructor(
    readonly url: string,
    private readonly server: Server,
  ) {}

  static async start(): Promise<LocalPushService> {
    const port = await freePort();
    const stand = new WebPushTestingServerClass(new PushApiModel(), port);
    const box: { service?: LocalPushService } = {};
    stand._app.use((req, res, next) => {
      const m = /^\/notify\/([0-9a-f]+)$/.exec(req.path);
      if (m) {
        box.service?.requests.push({ clientHash: m[1]!, headers: { ...req.headers } });
        if (box.service?.notFound.has(m[1]!)) return res.status(404).send('not found');
      }
      next();
    });
    stand.setRequestHandlers();
    const server = await new Promise<Server>((resolve) => {
      const s = stand._app.listen(port, '127.0.0.1', () => resolve(s));
    });
    box.service = new LocalPushService(`http://localhost:${port}`, server);
    return box.service;
  }

  private async post<T>(path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(this.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    const isJson = /json/.test(res.headers.get('content-type') ?? '');
    return { status: res.status, json: (isJson && text ? JSON.parse(text) : null) as T };
  }

  /** A browser's subscription to the service, for the given VAPID public key. */
  async subscribe(applicationServerKey: string): Promise<StandInSubscription> {
    const { json } = await this.post<{ data: StandInSubscription }>('/subscribe', {
      userVisibleOnly: 'true', // the stand-in wants the form-encoded spelling
      applicationServerKey,
    });
    return json.data;
  }

  /** The decrypted payloads that reached a subscription, oldest first. */
  async messages(clientHash: string): Promise<unknown[]> {
    const { json } = await this.post<{ data: { messages: string[] } }>('/get-notifications', { clientHash });
    return json.data.messages.map((m) => JSON.parse(m) as unknown);
  }

  /** From now on the service answers 410 Gone for this subscription (the user unsubscribed). */
  async expire(clientHash: string): Promise<void> {
    await this.post(`/expire-subscription/${clientHash}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
