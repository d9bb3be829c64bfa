/**
 * `PUT /api/voicemail/greeting`: the signed-in user uploads their own greeting as `multipart/form-data`
 * with one `greeting` file (Ogg/Opus, ≤ 1 MiB, ≤ 30 s, 20 ms frames: ./greeting.ts), answered with
 * the settings. A PUT cannot come from a cross-site form and fetch would need a CORS preflight, so the
 * session cookie alone is safe here (the JSON-only rule of the router serves the same purpose).
 * Multipart is registered for this route's scope only.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GREETING_LIMITS } from '../../src/api/voicemail-schemas';
import { HttpError, type SessionUser } from '../api/router';
import { declaredMatches } from './audio';
import { GREETING_FORMAT_HINT, greetingPackets } from './greeting';
import { settingsView, type SettingsRoutesOptions } from './settings-routes';
import { oneFileLimits, readUpload, requireMultipart } from './upload';

export interface GreetingUploadOptions extends SettingsRoutesOptions {
  authenticate(request: FastifyRequest): SessionUser | null;
}

export function greetingUpload(o: GreetingUploadOptions) {
  return async (scope: FastifyInstance): Promise<void> => {
    await scope.register(fastifyMultipart, { limits: oneFileLimits(GREETING_LIMITS.maxBytes, 0) });
    scope.put('/api/voicemail/greeting', async (request, reply) => {
      const user = o.authenticate(request);
      if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
      requireMultipart(request, 'greeting');
      const upload = await readUpload(request, 'greeting', GREETING_LIMITS.maxBytes);
      if (!upload.file || upload.file.bytes.length === 0) {
        throw new HttpError(400, 'invalid_request', 'greeting: the file is missing or empty');
      }
      const checked = greetingPackets(upload.file.bytes);
      if ('problem' in checked) throw new HttpError(415, 'unsupported_media_type', checked.problem);
      if (!declaredMatches(upload.file.declared, 'audio/ogg')) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          `${GREETING_FORMAT_HINT}: declared as ${upload.file.declared}.`,
        );
      }
      o.settings.saveGreeting(user.username, upload.file.bytes);
      return reply.header('Cache-Control', 'no-store').send(settingsView(o, user.username));
    });
  };
}
