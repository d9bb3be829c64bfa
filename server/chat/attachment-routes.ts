/**
 * Chat attachments over HTTP (ADR 0024).
 *
 * `POST /api/attachments` (session, `X-Openline-Upload: 1`, multipart: a `to` field naming the
 * recipient account, then one `file`): the type is sniffed from the bytes (PNG, JPEG, WebP, GIF, PDF;
 * the declared type and the name do not count), at most ATTACHMENTS_MAX_BYTES, within the user's
 * quota and hourly rate. Answers 201 with {@link UploadedAttachment}.
 *
 * `GET /api/attachments/:id` (session): the bytes, for the uploader and the recipient only (anyone
 * else: 404, as for an id that does not exist), with the sniffed type, `nosniff`, a `sandbox` CSP
 * and `Content-Disposition` (inline for images, attachment for PDFs).
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UploadedAttachment } from '../../src/api/attachment-schemas';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_UPLOAD_HEADER,
  ATTACHMENTS_PATH,
  attachmentProblem,
  cleanAttachmentName,
  formatBytes,
  isImageType,
  sniffAttachmentType,
} from '../../src/lib/attachments';
import { HttpError, type SessionUser } from '../api/router';
import type { Db } from '../db';
import type { Logger } from '../log';
import { AttachmentStore } from './attachment-store';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const EnvSchema = z.object({
  /** Largest file (bytes); at most the 10 MB the app itself allows. */
  ATTACHMENTS_MAX_BYTES: int(1024, ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_BYTES),
  /** Megabytes one user may have stored at once. */
  ATTACHMENTS_QUOTA_MB: int(1, 100_000, 200),
  /** Uploads per user per hour. */
  ATTACHMENTS_PER_HOUR: int(1, 10_000, 60),
  /** Days an attachment is kept (then the link answers 404). */
  ATTACHMENTS_MAX_AGE_DAYS: int(1, 3650, 30),
});
export type AttachmentLimits = z.infer<typeof EnvSchema>;

export function attachmentLimitsFromEnv(env: NodeJS.ProcessEnv): AttachmentLimits {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid attachment limits in the environment: ${problems}`);
  }
  return parsed.data;
}

export interface AttachmentRoutesOptions {
  db: Db;
  dataDir: string;
  domain: string;
  limits: AttachmentLimits;
  log: Logger;
  authenticate(request: FastifyRequest): SessionUser | null;
  accountExists(user: string): boolean;
  now?: () => number;
}

/** `sip:1002@domain`, `1002@domain` or `1002` → `1002` when that is an account here; else null. */
function recipientOf(to: string, o: AttachmentRoutesOptions): string | null {
  const m = /^(?:sips?:)?([A-Za-z0-9._+-]{1,64})(?:@([A-Za-z0-9.:[\]-]{1,255}))?$/.exec(to.trim());
  if (!m || (m[2] !== undefined && m[2].toLowerCase() !== o.domain.toLowerCase())) return null;
  return o.accountExists(m[1]!) ? m[1]! : null;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (the ASCII name for old clients, the real one for all). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function attachmentRoutes(o: AttachmentRoutesOptions) {
  const now = o.now ?? Date.now;
  const store = new AttachmentStore(
    o.db,
    o.dataDir,
    {
      quotaBytes: o.limits.ATTACHMENTS_QUOTA_MB * 1_000_000,
      maxAgeMs: o.limits.ATTACHMENTS_MAX_AGE_DAYS * 86_400_000,
    },
    now,
  );
  /** Times of each user's stored uploads within the last hour (refused ones do not count). */
  const recent = new Map<string, number[]>();
  /** Seconds until `user` may upload again, or null when they may now. */
  const waitBeforeUpload = (user: string): number | null => {
    const t = now();
    const times = (recent.get(user) ?? []).filter((at) => at > t - 3_600_000);
    recent.set(user, times);
    if (times.length < o.limits.ATTACHMENTS_PER_HOUR) return null;
    return Math.ceil((times[0]! + 3_600_000 - t) / 1000);
  };
  const maxBytes = o.limits.ATTACHMENTS_MAX_BYTES;

  return async (scope: FastifyInstance): Promise<void> => {
    const purged = store.purge();
    if (purged > 0) o.log.info(`attachments: ${purged} past retention deleted`);
    const purge = setInterval(() => store.purge(), 3_600_000);
    purge.unref();
    scope.addHook('onClose', async () => clearInterval(purge));
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 1, fieldSize: 600, parts: 2, headerPairs: 50 },
    });

    scope.post(ATTACHMENTS_PATH, async (request, reply) => {
      const user = o.authenticate(request);
      if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
      if (request.headers[ATTACHMENT_UPLOAD_HEADER.toLowerCase()] !== '1') {
        throw new HttpError(403, 'forbidden', `Uploads need the ${ATTACHMENT_UPLOAD_HEADER}: 1 header.`);
      }
      if (!request.isMultipart()) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Send multipart/form-data with a "to" field and a "file".',
        );
      }
      const waitS = waitBeforeUpload(user.username);
      if (waitS !== null) {
        throw new HttpError(
          429,
          'rate_limited',
          `At most ${o.limits.ATTACHMENTS_PER_HOUR} files an hour: try again in ${Math.ceil(waitS / 60)} min.`,
          { 'Retry-After': String(waitS) },
        );
      }
      let to: string | undefined;
      let file: { name: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname !== 'to' || typeof part.value !== 'string') {
              throw new HttpError(400, 'invalid_request', `${part.fieldname}: unexpected field`);
            }
            to = part.value;
          } else if (part.fieldname !== 'file' || file) {
            throw new HttpError(400, 'invalid_request', 'Send exactly one file, in the field "file".');
          } else {
            file = { name: cleanAttachmentName(part.filename ?? ''), bytes: await part.toBuffer() };
          }
        }
      } catch (error) {
        if (error instanceof HttpError) throw error;
        const code = (error as { code?: string }).code ?? '';
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new HttpError(
            413,
            'too_large',
            `The file is too big: files can be at most ${formatBytes(maxBytes)}.`,
          );
        }
        if (code.startsWith('FST_')) throw new HttpError(400, 'invalid_request', (error as Error).message);
        throw error;
      }
      if (to === undefined)
        throw new HttpError(400, 'invalid_request', 'to: name the recipient before the file.');
      const recipient = recipientOf(to, o);
      if (!recipient)
        throw new HttpError(400, 'invalid_request', `to: ${to.slice(0, 80)} is not an account here.`);
      if (!file) throw new HttpError(400, 'invalid_request', 'file: the file is missing.');
      const type = sniffAttachmentType(file.bytes);
      const problem = attachmentProblem({ name: file.name, size: file.bytes.length }, type, maxBytes);
      if (problem || !type) {
        throw type && file.bytes.length > 0
          ? new HttpError(413, 'too_large', problem ?? '')
          : new HttpError(
              file.bytes.length === 0 ? 400 : 415,
              file.bytes.length === 0 ? 'invalid_request' : 'unsupported_media_type',
              problem ?? '',
            );
      }
      const saved = store.save({ owner: user.username, recipient, type, name: file.name, bytes: file.bytes });
      if (saved === 'quota') {
        throw new HttpError(
          413,
          'quota_exceeded',
          `Your files take more than ${o.limits.ATTACHMENTS_QUOTA_MB} MB: older ones go after ${o.limits.ATTACHMENTS_MAX_AGE_DAYS} days.`,
        );
      }
      recent.get(user.username)?.push(now());
      o.log.info(`attachment ${user.username} → ${recipient}: ${type}, ${saved.size} bytes`);
      const answer: UploadedAttachment = {
        id: saved.id,
        url: `${ATTACHMENTS_PATH}/${saved.id}`,
        type,
        name: saved.name,
        size: saved.size,
      };
      return reply.code(201).header('Cache-Control', 'no-store').send(answer);
    });

    scope.get<{ Params: { id: string } }>(`${ATTACHMENTS_PATH}/:id`, async (request, reply) => {
      const user = o.authenticate(request);
      if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to see this file.');
      const attachment = store.forUser(request.params.id, user.username);
      if (!attachment) throw new HttpError(404, 'not_found', 'No such file (or it is not yours to see).');
      return reply
        .header('Content-Type', attachment.type)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', 'sandbox')
        .header(
          'Content-Disposition',
          disposition(isImageType(attachment.type) ? 'inline' : 'attachment', attachment.name),
        )
        .header('Cache-Control', 'private, max-age=86400, immutable')
        .send(store.read(attachment));
    });
  };
}
