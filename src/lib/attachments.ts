/**
 * Chat attachments (issue 14, ADR 0024): what may be uploaded and how a file's real type is recognised
 * (by its first bytes, never by the declared type or the name). Shared by the app (the composer checks
 * before uploading) and the reference server (server/chat/attachment-*.ts, which checks again). Free of
 * DOM and Node imports: both sides compile it.
 */

export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Largest file (bytes) by default; ATTACHMENTS_MAX_BYTES on the server may lower it. */
export const ATTACHMENT_MAX_BYTES = 10_000_000;
/** Longest file name kept (characters, after cleaning). */
export const ATTACHMENT_MAX_NAME = 120;
/** Where uploads go and downloads come from; `/<id>` names one file. */
export const ATTACHMENTS_PATH = '/api/attachments';
/**
 * Header every upload carries: a cross-site form cannot set it, and a cross-site fetch that sets it
 * needs a CORS preflight this server never grants (ADR 0024).
 */
export const ATTACHMENT_UPLOAD_HEADER = 'X-Openline-Upload';
/** An attachment id: 24 random bytes, base64url (32 characters). */
export const ATTACHMENT_ID = /^[A-Za-z0-9_-]{32}$/;

export const isImageType = (type: string): boolean => type.startsWith('image/');

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the bytes are, by their magic numbers; null for anything else (an .exe, a renamed text file…). */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** Bytes the sniffer needs to see. */
export const SNIFF_BYTES = 12;

/**
 * A file name safe to show and to put in a header: no path, no control or bidi-override characters,
 * at most {@link ATTACHMENT_MAX_NAME} characters; "file" when nothing is left.
 */
export function cleanAttachmentName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  return [...cleaned].slice(0, ATTACHMENT_MAX_NAME).join('') || 'file';
}

/** Why a file cannot be sent (the app words it in the user's language; the server in English). */
export type AttachmentProblem =
  { kind: 'empty' } | { kind: 'too-big'; size: number; max: number } | { kind: 'not-allowed' };

export function attachmentProblemOf(
  file: { size: number },
  type: AttachmentType | null,
  maxBytes = ATTACHMENT_MAX_BYTES,
): AttachmentProblem | null {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > maxBytes) return { kind: 'too-big', size: file.size, max: maxBytes };
  if (type === null) return { kind: 'not-allowed' };
  return null;
}

/** The server's (English) sentence for a refused file. */
export function attachmentProblem(
  file: { name: string; size: number },
  type: AttachmentType | null,
  maxBytes = ATTACHMENT_MAX_BYTES,
): string | null {
  const problem = attachmentProblemOf(file, type, maxBytes);
  switch (problem?.kind) {
    case undefined:
      return null;
    case 'empty':
      return `${file.name} is empty.`;
    case 'too-big':
      return `${file.name} is too big (${formatBytes(problem.size)}); files can be at most ${formatBytes(problem.max)}.`;
    case 'not-allowed':
      return `${file.name} cannot be sent: only images (PNG, JPEG, WebP, GIF) and PDFs can.`;
  }
}

/** 1.2 MB, 340 KB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
}
