/**
 * Files customers send on a channel (ADR 0029, ADR 0036): the provider's media URL is fetched once,
 * bounded in size and time, without following redirects, and kept in the attachment store (ADR 0024)
 * only when the bytes themselves are a type we accept (magic-byte sniff; the provider's declared type
 * does not count): images, PDFs, and the audio and video a browser plays. Anything else stays a link to
 * the provider's URL: the app never puts a URL it did not check into an <img>, <audio> or <video>.
 */
import { errorMessage } from '../../src/lib/errors';
import { isPlayableType, sniffMediaType, type MediaType } from '../../src/lib/media-types';

export interface FetchedMedia {
  ok: true;
  bytes: Buffer;
  type: MediaType;
}

export type MediaFetchOutcome = FetchedMedia | { ok: false; reason: string };

export interface MediaFetchOptions {
  fetchImpl?: typeof fetch;
  /** Largest image or PDF (the attachment limit). */
  maxBytes: number;
  /** Largest audio or video (CHANNELS_MEDIA_MAX_BYTES); `maxBytes` when absent. */
  playableMaxBytes?: number;
  timeoutMs?: number;
}

export async function fetchMedia(url: string, o: MediaFetchOptions): Promise<MediaFetchOutcome> {
  const fetchImpl = o.fetchImpl ?? fetch;
  // Read up to the larger limit; the type, known only from the bytes, then decides which applies.
  const cap = Math.max(o.maxBytes, o.playableMaxBytes ?? 0);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      redirect: 'manual',
      headers: { Accept: 'image/*, application/pdf, audio/*, video/*' },
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
  if (declared > cap) {
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
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: `too large (over ${cap} bytes)` };
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    return { ok: false, reason: `unreadable: ${errorMessage(error)}` };
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const type = sniffMediaType(bytes);
  if (!type) return { ok: false, reason: 'not an image, PDF, audio or video we keep (by its bytes)' };
  const limit = isPlayableType(type) ? (o.playableMaxBytes ?? o.maxBytes) : o.maxBytes;
  if (bytes.length > limit) return { ok: false, reason: `too large for ${type} (over ${limit} bytes)` };
  return { ok: true, bytes, type };
}
