/**
 * Reading a `multipart/form-data` upload with one audio file (@fastify/multipart, registered by the
 * route's own plugin scope), shared by ingest (./ingest.ts) and the greeting (./greeting-upload.ts):
 * the file must arrive in the named field, only once, within the scope's size limit, and multipart
 * errors become clear 400/413 answers.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../api/router';

export interface Upload {
  fields: Record<string, string>;
  file?: { declared: string; bytes: Buffer };
}

/** Limits for `fastifyMultipart` when a route takes one file of at most `fileSize` bytes. */
export const oneFileLimits = (fileSize: number, fields = 10) => ({
  fileSize,
  files: 1,
  fields,
  fieldSize: 1024,
  parts: fields + 2,
  headerPairs: 50,
});

export function requireMultipart(request: FastifyRequest, field: string): void {
  if (!request.isMultipart()) {
    throw new HttpError(415, 'unsupported_media_type', `Send multipart/form-data with an "${field}" file.`);
  }
}

export async function readUpload(request: FastifyRequest, field: string, maxBytes: number): Promise<Upload> {
  const upload: Upload = { fields: {} };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string')
          throw new HttpError(400, 'invalid_request', `${part.fieldname}: not text`);
        upload.fields[part.fieldname] = part.value;
      } else if (part.fieldname !== field || upload.file) {
        throw new HttpError(400, 'invalid_request', `Send exactly one file, in the field "${field}".`);
      } else {
        upload.file = { declared: part.mimetype, bytes: await part.toBuffer() };
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpError(413, 'too_large', `The audio file is larger than ${maxBytes} bytes.`);
    }
    if (code.startsWith('FST_')) throw new HttpError(400, 'invalid_request', (error as Error).message);
    throw error;
  }
  return upload;
}
