/**
 * The mailbox API; every route needs an API session and sees only the signed-in user's messages
 * (another user's id answers 404, exactly like an id that does not exist):
 *   GET    /api/voicemail?limit=&cursor=   one page, newest first, plus the unheard/heard counts
 *   GET    /api/voicemail/:id/audio        the audio, streamed; honours one byte Range (206/416)
 *   GET    /api/voicemail/:id/download     the same bytes as an attachment
 *   POST   /api/voicemail/:id/heard        marks it heard → counts
 *   DELETE /api/voicemail/:id              deletes row and file → counts
 * Ingest from other PBXs (`POST /api/voicemail`) is in ./ingest.ts.
 */
import { createReadStream } from 'node:fs';
import type { VoicemailMessage } from '../../src/api/voicemail-schemas';
import { HttpError, type RequestContext, type SessionUser } from '../api/router';
import type { RouteModule } from '../api/routes';
import { EXTENSION } from './audio';
import { parseRange } from '../http/range';
import type { Voicemail, VoicemailStore } from './store';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

const wire = (m: Voicemail): VoicemailMessage => ({
  id: m.id,
  caller: m.caller,
  callerName: m.callerName,
  callId: m.callId,
  durationMs: m.durationMs,
  receivedAt: m.receivedAt,
  heard: m.heardAt !== null,
  mediaType: m.mediaType,
  sizeBytes: m.sizeBytes,
});

function pageSize(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new HttpError(400, 'invalid_request', `limit: must be an integer from 1 to ${MAX_PAGE}`);
  }
  return n;
}

const notFound = () => new HttpError(404, 'not_found', 'No such voicemail message.');

/** `filename` for Content-Disposition: caller and time, ASCII only (no quotes or path characters). */
function downloadName(m: Voicemail): string {
  const caller = m.caller.replace(/[^A-Za-z0-9+._-]/g, '_').slice(0, 40) || 'unknown';
  const when = new Date(m.receivedAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `voicemail-${caller}-${when}.${EXTENSION[m.mediaType]}`;
}

function sendAudio(ctx: RequestContext, store: VoicemailStore, attachment: boolean) {
  const user = ctx.user as SessionUser;
  const message = store.get(user.username, ctx.params.id ?? '');
  if (!message) throw notFound();
  const { reply } = ctx;
  const size = message.sizeBytes;
  reply
    .header('Cache-Control', 'private, no-store')
    .header('Accept-Ranges', 'bytes')
    .header('X-Content-Type-Options', 'nosniff')
    .type(message.mediaType);
  if (attachment) reply.header('Content-Disposition', `attachment; filename="${downloadName(message)}"`);
  const range = parseRange(ctx.request.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    throw new HttpError(416, 'range_not_satisfiable', `The file has ${size} bytes.`, {
      'Content-Range': `bytes */${size}`,
    });
  }
  const path = store.filePath(message);
  if (range.kind === 'full') {
    reply.header('Content-Length', String(size));
    return reply.code(200).send(createReadStream(path));
  }
  reply
    .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
    .header('Content-Length', String(range.end - range.start + 1));
  return reply.code(206).send(createReadStream(path, { start: range.start, end: range.end }));
}

export function voicemailRoutes(store: VoicemailStore): RouteModule {
  const owner = (ctx: RequestContext) => (ctx.user as SessionUser).username;
  return (router) => {
    router.get(
      '/api/voicemail',
      (ctx) => {
        const limit = pageSize(ctx.url.searchParams.get('limit'));
        const cursor = ctx.url.searchParams.get('cursor') ?? undefined;
        const page = store.list(owner(ctx), limit, cursor);
        if (!page) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this server issued');
        return { messages: page.messages.map(wire), next: page.next, counts: store.counts(owner(ctx)) };
      },
      { auth: true },
    );
    router.get('/api/voicemail/:id/audio', (ctx) => sendAudio(ctx, store, false), { auth: true });
    router.get('/api/voicemail/:id/download', (ctx) => sendAudio(ctx, store, true), { auth: true });
    router.post(
      '/api/voicemail/:id/heard',
      (ctx) => {
        if (!store.markHeard(owner(ctx), ctx.params.id ?? '')) throw notFound();
        return store.counts(owner(ctx));
      },
      { auth: true },
    );
    router.delete(
      '/api/voicemail/:id',
      (ctx) => {
        if (!store.delete(owner(ctx), ctx.params.id ?? '')) throw notFound();
        return store.counts(owner(ctx));
      },
      { auth: true },
    );
  };
}
