/**
 * `POST /api/voicemail`: other PBXs (Asterisk, FreeSWITCH...) feed the same mailboxes. Server to server:
 * `Authorization: Bearer <VOICEMAIL_INGEST_KEY>` (compared in constant time; without a key configured
 * the route answers 503), then `multipart/form-data` with the metadata fields of
 * `VoicemailIngestFields` and one `audio` file. The file's type is read from its bytes
 * (Ogg/Opus, WebM/Opus, WAV); the declared type must agree. Multipart is registered for this route only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { VoicemailIngestFields } from '../../src/api/voicemail-schemas';
import { describeZodError, HttpError } from '../api/router';
import { audioDurationMs, declaredMatches, sniffAudio } from './audio';
import type { VoicemailStore } from './store';
import { oneFileLimits, readUpload, requireMultipart } from './upload';

export interface IngestOptions {
  store: VoicemailStore;
  /** The shared key; empty disables ingest. */
  key: string;
  /** Largest accepted audio file. */
  maxBytes: number;
  accountExists(username: string): boolean;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time key check (hashing first makes the lengths equal). */
export function ingestKeyMatches(header: string | undefined, key: string): boolean {
  if (!key || !header) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m !== null && timingSafeEqual(digest(m[1]!), digest(key));
}

export function voicemailIngest(o: IngestOptions) {
  return async (scope: FastifyInstance): Promise<void> => {
    await scope.register(fastifyMultipart, { limits: oneFileLimits(o.maxBytes) });
    scope.post('/api/voicemail', async (request, reply) => {
      if (!o.key)
        throw new HttpError(503, 'ingest_disabled', 'Voicemail ingest is off: set VOICEMAIL_INGEST_KEY.');
      if (!ingestKeyMatches(request.headers.authorization, o.key)) {
        throw new HttpError(401, 'unauthenticated', 'Send the ingest key as "Authorization: Bearer <key>".', {
          'WWW-Authenticate': 'Bearer realm="voicemail-ingest"',
        });
      }
      requireMultipart(request, 'audio');
      const upload = await readUpload(request, 'audio', o.maxBytes);
      const fields = VoicemailIngestFields.safeParse(upload.fields);
      if (!fields.success) throw new HttpError(400, 'invalid_request', describeZodError(fields.error));
      if (!o.accountExists(fields.data.mailbox)) {
        throw new HttpError(404, 'not_found', `mailbox: no user ${fields.data.mailbox} here`);
      }
      if (!upload.file || upload.file.bytes.length === 0) {
        throw new HttpError(400, 'invalid_request', 'audio: the file is missing or empty');
      }
      const sniffed = sniffAudio(upload.file.bytes);
      if ('problem' in sniffed) throw new HttpError(415, 'unsupported_media_type', sniffed.problem);
      if (!declaredMatches(upload.file.declared, sniffed.type)) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          `audio: declared as ${upload.file.declared} but the bytes are ${sniffed.type}`,
        );
      }
      const durationMs = audioDurationMs(upload.file.bytes, sniffed.type) ?? fields.data.durationMs;
      if (durationMs === undefined) {
        throw new HttpError(
          400,
          'invalid_request',
          'durationMs: required for this file (its length is not in it)',
        );
      }
      const saved = o.store.add(
        {
          owner: fields.data.mailbox,
          caller: fields.data.caller,
          callerName: fields.data.callerName,
          callId: fields.data.callId,
          durationMs,
          receivedAt: fields.data.receivedAt,
          mediaType: sniffed.type,
          source: 'ingest',
        },
        upload.file.bytes,
      );
      return reply.code(201).header('Cache-Control', 'no-store').send({ id: saved.id, durationMs });
    });
  };
}
