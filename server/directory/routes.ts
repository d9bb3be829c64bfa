/**
 * `GET /api/phonebook?since=<rev>&limit=<n>`: the company directory for a signed-in user, as
 * incremental pages (see src/api/directory-schemas.ts). A complete page carries the ETag of the
 * directory's revision; `If-None-Match` with the current one answers 304 with no body.
 */
import { PHONEBOOK_DEFAULT_LIMIT, PHONEBOOK_MAX_LIMIT, phonebookEtag } from '../../src/api/directory-schemas';
import { HttpError } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { DirectoryStore } from './store';

const INTEGER = /^\d{1,15}$/;

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!INTEGER.test(raw) || Number(raw) > max) {
    throw new HttpError(400, 'bad_query', `${name} must be a whole number from 0 to ${max}.`);
  }
  return Number(raw);
}

export function directoryRoutes(directory: DirectoryStore): RouteModule {
  return (router) => {
    router.get(
      '/api/phonebook',
      (ctx) => {
        const since = intParam(ctx.url, 'since', 0, Number.MAX_SAFE_INTEGER);
        const limit = intParam(ctx.url, 'limit', PHONEBOOK_DEFAULT_LIMIT, PHONEBOOK_MAX_LIMIT);
        if (limit === 0) throw new HttpError(400, 'bad_query', 'limit must be at least 1.');
        const etag = phonebookEtag(directory.revision());
        const ifNoneMatch = ctx.request.headers['if-none-match'];
        if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
          return ctx.reply.code(304).header('ETag', etag).header('Cache-Control', 'no-cache').send();
        }
        const page = directory.changes(since, limit);
        if (!page.more) ctx.reply.header('ETag', phonebookEtag(page.rev));
        return page;
      },
      { auth: true },
    );
  };
}
