/** Audio files and an ingest client for voicemail tests. */
import { encodeOggOpus, synthesize } from '../tone';

/** About `ms` of a 440 Hz tone as Ogg/Opus. */
export function oggTone(ms: number): Buffer {
  return encodeOggOpus(synthesize([{ freq: 440, ms }]));
}

/** A PCM WAV (16-bit mono 8 kHz) of `ms` silence-free ramp. */
export function wavFile(ms: number): Buffer {
  const samples = Math.round((8000 * ms) / 1000);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(8000, 24);
  buf.writeUInt32LE(16000, 28); // byte rate
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(((i * 97) % 2000) - 1000, 44 + i * 2);
  return buf;
}

/** The first bytes of a WebM/Opus file (EBML header, DocType webm, an Opus track). */
export function webmHeader(): Buffer {
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
    Buffer.from('webm', 'latin1'),
    Buffer.alloc(24),
    Buffer.from('A_OPUS', 'latin1'),
    Buffer.alloc(64),
  ]);
}

export interface IngestRequest {
  key?: string;
  fields: Record<string, string>;
  file?: { bytes: Buffer; type: string; name?: string };
}

/** `POST /api/voicemail` as a PBX would send it. */
export async function ingest(baseUrl: string, r: IngestRequest): Promise<{ status: number; json: unknown }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(r.fields)) form.append(k, v);
  if (r.file)
    form.append(
      'audio',
      new Blob([new Uint8Array(r.file.bytes)], { type: r.file.type }),
      r.file.name ?? 'message',
    );
  const res = await fetch(`${baseUrl}/api/voicemail`, {
    method: 'POST',
    headers: r.key !== undefined ? { Authorization: `Bearer ${r.key}` } : {},
    body: form,
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

/** `PUT /api/voicemail/greeting` as the Settings screen sends it. */
export async function uploadGreeting(
  baseUrl: string,
  cookie: string,
  file: { bytes: Buffer; type: string; name?: string },
  field = 'greeting',
): Promise<{ status: number; json: unknown }> {
  const form = new FormData();
  form.append(
    field,
    new Blob([new Uint8Array(file.bytes)], { type: file.type }),
    file.name ?? 'greeting.ogg',
  );
  const res = await fetch(`${baseUrl}/api/voicemail/greeting`, {
    method: 'PUT',
    headers: { cookie },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as unknown };
}
