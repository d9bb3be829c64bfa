/** Voicemail for e2e specs: a message deposited through the ingest API, as another PBX would. */
import type { Page } from '@playwright/test';
import { encodeOggOpus, synthesize } from '../../server/voicemail/tone';
import { E2E_VOICEMAIL_INGEST_KEY } from './ports';

export interface IngestedVoicemail {
  mailbox: string;
  caller: string;
  callerName: string;
  callId: string;
  /** Length of the message: alternating 440/660 Hz half-second tones (audible, so RMS is well above silence). */
  seconds?: number;
}

/** Deposits a message; answers the HTTP status (201 when it was stored) and the bytes sent. */
export async function ingestVoicemail(
  baseURL: string,
  message: IngestedVoicemail,
): Promise<{ status: number; audio: Buffer }> {
  const tones = Math.round((message.seconds ?? 3) * 2);
  const audio = encodeOggOpus(
    synthesize(Array.from({ length: tones }, (_, i) => ({ freq: i % 2 ? 660 : 440, ms: 500, gain: 0.5 }))),
  );
  const form = new FormData();
  form.append('mailbox', message.mailbox);
  form.append('caller', message.caller);
  form.append('callerName', message.callerName);
  form.append('callId', message.callId);
  form.append('audio', new Blob([new Uint8Array(audio)], { type: 'audio/ogg' }), 'message.ogg');
  const response = await fetch(`${baseURL}/api/voicemail`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E_VOICEMAIL_INGEST_KEY}` },
    body: form,
  });
  return { status: response.status, audio };
}

/** A greeting as the user would upload it: about 1.5 s of an 880 Hz tone, Ogg/Opus in 20 ms frames. */
export function greetingFile(): Buffer {
  return encodeOggOpus(synthesize([{ freq: 880, ms: 1500, gain: 0.4 }]));
}

/**
 * The message the Voicemail tab's player points at, fetched with the session cookie (and `range`, to go
 * through the Range API) and decoded in the page: its length in seconds and RMS (0 is silence).
 */
export async function decodePlayerAudio(
  page: Page,
  range?: string,
): Promise<{ duration: number; rms: number }> {
  return page.evaluate(async (rangeHeader) => {
    const el = document.querySelector('audio')!;
    const init = rangeHeader ? { headers: { Range: rangeHeader } } : {};
    const bytes = await (await fetch(el.src, init)).arrayBuffer();
    const buffer = await new AudioContext().decodeAudioData(bytes);
    const data = buffer.getChannelData(0);
    let sum = 0;
    for (const x of data) sum += x * x;
    return { duration: buffer.duration, rms: Math.sqrt(sum / data.length) };
  }, range);
}
