/**
 * Files customers send on a channel (ADR 0029): the provider's media URL is fetched once, bounded in
 * size and time, without following redirects, and kept in the attachment store (ADR 0024) only when
 * the bytes themselves are a type we accept (magic-byte sniff; the provider's declared type does not
 * count). Anything else stays a link to the provider's URL: the app never puts a URL it did not
 * check into an <img>.
 */
import { sniffAttachmentType, type AttachmentType } from '../../src/lib/attachments';
import { errorMessage } from '../../src/lib/errors';

export interface FetchedMedia {
  ok: true;
  bytes: Buffer;
  type: AttachmentType;
}

export type MediaFetchOutcome = FetchedMedia | { ok: false; reason: string };

export interface MediaFetchOptions {
  fetchImpl?: typeof fetch;
  maxBytes: number;
  timeoutMs?: number;
}

export async function fetchMedia(url: string, o: MediaFetchOptions): Promise<MediaFetchOutcome> {
  const fetchImpl = o.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      redirect: 'manual',
      headers: { Accept: 'image/*, application/pdf' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { ok: false, reason: `unreachable: ${errorMessage(error)}` };
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `the provider answered ${response.status}` };
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > o.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `too large (${declared} bytes)` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    if (!reader) return { ok: false, reason: 'empty' };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > o.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: `too large (over ${o.maxBytes} bytes)` };
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    return { ok: false, reason: `unreadable: ${errorMessage(error)}` };
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const type = sniffAttachmentType(bytes);
  if (!type) return { ok: false, reason: 'not an image or PDF (by its bytes)' };
  return { ok: true, bytes, type };
}
