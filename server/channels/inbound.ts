/**
 * `POST /api/channels/:channel/inbound` (provider → server) and the local fake provider
 * (`/api/dev/fake-provider/:channel`, only with CHANNELS_DEMO). Both are a Fastify plugin of their own
 * because they keep the RAW body: signatures are HMACs over the bytes as sent.
 *
 * Answers: 404 unknown channel; 401 bad/missing signature or outside the replay window (nothing
 * stored); 400 malformed payload (nothing stored); 200 only after every message is stored (a message id
 * seen before counts as a duplicate, acknowledged, not stored twice).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../api/router';
import { ADAPTERS } from './adapters';
import { FAKE_MEDIA, type FakeProvider } from './fake-provider';
import type { ChannelService } from './service';
import { replayProblem } from './signature';
import type { ChannelStore } from './store';

export interface InboundOptions {
  store: ChannelStore;
  service: ChannelService;
  /** Present when the demo/dev fake provider is enabled. */
  fake?: FakeProvider;
  /** Requests per minute per client IP on the inbound route (default 6000). */
  rateLimitPerMinute?: number;
  now?: () => number;
}

export interface InboundResult {
  received: number;
  duplicates: number;
  /** Events acknowledged but not stored (delivery statuses, Viber "seen"...). */
  ignored: number;
}

const rawBody = (request: FastifyRequest): Buffer =>
  Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

export function channelsInbound(o: InboundOptions) {
  const now = o.now ?? Date.now;
  return async (scope: FastifyInstance): Promise<void> => {
    // This scope only: keep JSON as the bytes received.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );

    // Providers post from few addresses: the per-IP API limit would turn a busy hour into 429s (and
    // provider retries). Signed requests only reach storage, so this route gets a 10x higher ceiling.
    const inboundLimit = { rateLimit: { max: o.rateLimitPerMinute ?? 6000, timeWindow: 60_000 } };
    scope.post('/api/channels/:channel/inbound', { config: inboundLimit }, async (request, reply) => {
      const id = (request.params as { channel: string }).channel;
      const channel = o.store.channel(id);
      if (!channel) throw new HttpError(404, 'not_found', `No channel "${id}" is configured.`);
      const adapter = ADAPTERS[channel.kind];
      const raw = rawBody(request);
      const verified = adapter.verify(channel.secret, raw, (name) => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      });
      if (!verified.ok) {
        throw new HttpError(
          401,
          'bad_signature',
          `The ${adapter.signatureHeader} signature is missing or does not match.`,
        );
      }
      if (verified.signedAtMs !== undefined) {
        const problem = replayProblem(verified.signedAtMs, now());
        if (problem) throw new HttpError(401, 'replayed', `Refused: ${problem}.`);
      }
      const parsed = adapter.parse(raw, verified.signedAtMs);
      if (!parsed.ok) throw new HttpError(400, 'invalid_payload', parsed.problem);
      for (const m of parsed.messages) {
        const problem = replayProblem(m.timestampMs, now());
        if (problem) throw new HttpError(401, 'replayed', `Refused message ${m.id}: ${problem}.`);
      }
      const result: InboundResult = { received: 0, duplicates: 0, ignored: parsed.ignored };
      for (const m of parsed.messages) {
        const outcome = o.service.receive(channel, m);
        if (outcome.stored) result.received++;
        else result.duplicates++;
      }
      return reply.header('Cache-Control', 'no-store').send(result);
    });

    const fake = o.fake;
    if (fake) {
      scope.post('/api/dev/fake-provider/:channel', async (request, reply) => {
        const id = (request.params as { channel: string }).channel;
        const channel = o.store.channel(id);
        if (!channel) throw new HttpError(404, 'not_found', `No channel "${id}" is configured.`);
        const status = fake.receive(channel, rawBody(request), request.headers['x-openline-signature']);
        return reply.code(status).send({ ok: status === 200 });
      });
      scope.get('/api/dev/fake-provider/:channel', async (request) => {
        const id = (request.params as { channel: string }).channel;
        return { messages: fake.outbox(id), failing: fake.isFailing(id) };
      });
      scope.get('/api/dev/fake-provider/:channel/media/:name', async (request, reply) => {
        const { name } = request.params as { name: string };
        const file = Object.hasOwn(FAKE_MEDIA, name) ? FAKE_MEDIA[name] : undefined;
        if (!file) throw new HttpError(404, 'not_found', 'No such file.');
        return reply.header('Content-Type', file.type).send(file.bytes);
      });
      scope.put('/api/dev/fake-provider/:channel/failing', async (request) => {
        const id = (request.params as { channel: string }).channel;
        const on = rawBody(request).toString('utf8').trim() === 'true';
        fake.setFailing(id, on);
        return { failing: on };
      });
    }
  };
}
