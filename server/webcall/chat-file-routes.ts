/**
 * Files in a room conversation (issue 14, ADR 0030), when the join widget's `fileTransfer` is on.
 *
 * `POST /api/webcall/rooms/:roomId/chat/files` (the room's guest token or its agent's session,
 * `X-Openline-Upload: 1`, multipart: a `clientId` field, then one `file`): the type is sniffed from the
 * bytes (PNG, JPEG, WebP, GIF, PDF; the declared type and the name do not count), at most
 * {@link CHAT_FILE_MAX_BYTES}, at most {@link CHAT_FILES_PER_ROOM} per room, and it counts against the
 * same send rate as text. Stores the file and a message carrying it, published like any message, and
 * answers that message; the same `clientId` again answers the stored message (nothing stored twice).
 * Refusals: 403 `file_transfer_off` (the setting is off), 403 `forbidden` (another room's token, or no
 * upload header), 410 `closed` / `expired`, 413 `too_large` / `too_many_files`, 415
 * `unsupported_media_type`, 429 `too_many_messages`.
 *
 * `GET /api/webcall/rooms/:roomId/chat/files/:id` (same authorization): the bytes, for this room's
 * guests and agent only (another room's file, or an unknown id: 404), with the sniffed type, `nosniff`,
 * a `sandbox` CSP and `Content-Disposition` (inline for images, attachment for PDFs).
 *
 * Multipart needs its own body parser, so this is a Fastify plugin, not a RouteModule.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CHAT_FILE_MAX_BYTES,
  CHAT_FILES_PER_ROOM,
  ChatClientId,
  type ChatMessage,
} from '../../src/api/webcall-chat-schemas';
import {
  ATTACHMENT_UPLOAD_HEADER,
  attachmentProblem,
  cleanAttachmentName,
  formatBytes,
  isImageType,
  sniffAttachmentType,
} from '../../src/lib/attachments';
import { HttpError, type SessionUser } from '../api/router';
import type { Db } from '../db';
import { WebcallAudit } from './audit';
import { ChatFileDir } from './chat-files';
import type { WebcallChatHub } from './chat-hub';
import { SendRate } from './chat-rate';
import { liveRoomOf, refuseClosedForGuest, roomViewer } from './chat-routes';
import { WebcallChatStore } from './chat-store';

export interface ChatFileRoutesOptions {
  db: Db;
  secret: string;
  hub: WebcallChatHub;
  files: ChatFileDir;
  /** The join widget's switch now: off refuses uploads (files already sent stay readable). */
  fileTransfer(): boolean;
  authenticate(request: FastifyRequest): SessionUser | null;
  /** Shared with the text route, so files and text count against one send rate. */
  rate?: SendRate;
  maxBytes?: number;
  now?: () => number;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (the ASCII name for old clients, the real one for all). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function chatFileRoutes(o: ChatFileRoutesOptions) {
  const audit = new WebcallAudit(o.db);
  const store = new WebcallChatStore(o.db, o.files);
  const rate = o.rate ?? new SendRate();
  const now = o.now ?? Date.now;
  const maxBytes = o.maxBytes ?? CHAT_FILE_MAX_BYTES;

  return async (scope: FastifyInstance): Promise<void> => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 1, fieldSize: 100, parts: 2, headerPairs: 50 },
    });

    scope.post<{ Params: { roomId: string } }>(
      '/api/webcall/rooms/:roomId/chat/files',
      async (request, reply) => {
        const room = liveRoomOf(audit, request.params.roomId, now());
        const viewer = roomViewer(o.secret, room, request.headers.authorization, o.authenticate(request));
        if (!o.fileTransfer()) {
          throw new HttpError(403, 'file_transfer_off', 'Sending files is off on this site.');
        }
        if (request.headers[ATTACHMENT_UPLOAD_HEADER.toLowerCase()] !== '1') {
          throw new HttpError(403, 'forbidden', `Uploads need the ${ATTACHMENT_UPLOAD_HEADER}: 1 header.`);
        }
        refuseClosedForGuest(viewer, room);
        if (!request.isMultipart()) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            'Send multipart/form-data with a "clientId" field and a "file".',
          );
        }
        let clientId: string | undefined;
        let file: { name: string; bytes: Buffer } | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (part.fieldname !== 'clientId' || typeof part.value !== 'string') {
                throw new HttpError(400, 'invalid_request', `${part.fieldname}: unexpected field`);
              }
              clientId = part.value;
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
            throw new HttpError(413, 'too_large', `Files can be at most ${formatBytes(maxBytes)}.`);
          }
          if (code.startsWith('FST_')) throw new HttpError(400, 'invalid_request', (error as Error).message);
          throw error;
        }
        if (clientId === undefined || !ChatClientId.safeParse(clientId).success) {
          throw new HttpError(
            400,
            'invalid_request',
            'clientId: 8–64 letters, digits, - or _, before the file.',
          );
        }
        if (!file) throw new HttpError(400, 'invalid_request', 'file: the file is missing.');
        const again = store.byClientId(room.roomId, viewer.author, clientId);
        if (again) return reply.header('Cache-Control', 'no-store').send(again);
        const type = sniffAttachmentType(file.bytes);
        const problem = attachmentProblem({ name: file.name, size: file.bytes.length }, type, maxBytes);
        if (problem || !type) {
          throw type && file.bytes.length > 0
            ? new HttpError(413, 'too_large', problem ?? '')
            : file.bytes.length === 0
              ? new HttpError(400, 'invalid_request', problem ?? '')
              : new HttpError(415, 'unsupported_media_type', problem ?? '');
        }
        if (store.fileCount(room.roomId) >= CHAT_FILES_PER_ROOM) {
          throw new HttpError(
            413,
            'too_many_files',
            `A call link keeps at most ${CHAT_FILES_PER_ROOM} files.`,
          );
        }
        const at = now();
        const waitMs = rate.take(`${room.roomId}\0${viewer.author}`, at);
        if (waitMs > 0) {
          const s = Math.max(1, Math.ceil(waitMs / 1000));
          throw new HttpError(429, 'too_many_messages', `Too many messages at once. Wait ${s} s.`, {
            'Retry-After': String(s),
          });
        }
        const id = ChatFileDir.newId();
        o.files.write(id, file.bytes);
        let message: ChatMessage;
        let created: boolean;
        try {
          store.addFile(
            { id, roomId: room.roomId, ...viewer, type, name: file.name, size: file.bytes.length },
            at,
            room.expiresAt,
          );
          ({ message, created } = store.add({
            roomId: room.roomId,
            ...viewer,
            clientId,
            text: '',
            at,
            expiresAt: room.expiresAt,
            fileId: id,
          }));
        } catch (error) {
          o.files.remove(id);
          throw error;
        }
        if (created) o.hub.publish(room.roomId, message);
        return reply.code(201).header('Cache-Control', 'no-store').send(message);
      },
    );

    scope.get<{ Params: { roomId: string; id: string } }>(
      '/api/webcall/rooms/:roomId/chat/files/:id',
      async (request, reply) => {
        const room = liveRoomOf(audit, request.params.roomId, now());
        roomViewer(o.secret, room, request.headers.authorization, o.authenticate(request));
        const file = store.fileOf(room.roomId, request.params.id, now());
        if (!file) throw new HttpError(404, 'not_found', 'No such file in this conversation.');
        return reply
          .header('Content-Type', file.type)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', 'sandbox')
          .header(
            'Content-Disposition',
            disposition(isImageType(file.type) ? 'inline' : 'attachment', file.name),
          )
          .header('Cache-Control', 'private, no-store')
          .send(o.files.read(file.id));
      },
    );
  };
}
