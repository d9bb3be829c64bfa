/** DTMF for one call: RFC 4733 through the audio sender, or SIP INFO (application/dtmf-relay). */
import {
  buildDtmfInfoBody,
  chooseDtmfMethod,
  classifyInfo,
  DTMF_PAUSE_MS,
  DTMF_RELAY_CONTENT_TYPE,
  DTMF_RTP_DURATION_MS,
  DTMF_RTP_GAP_MS,
  INFO_ACCEPT,
  normalizeTones,
} from './dtmf';
import { audioSender, type WebSdhLike } from './media';
import type { InfoLike, SessionLike } from './ports';
import type { DtmfMethod, DtmfTone } from './types';
import { errorMessage } from '../lib/errors';
import { callAsync, noop, sleep, type Clock, type Logger } from './util';

/** INFO (DTMF) requests are treated as delivered if no answer comes within this time. */
export const INFO_ANSWER_TIMEOUT_MS = 5000;

export function sendInfoTone(
  session: SessionLike,
  clock: Clock,
  whenEnded: Promise<void>,
  tone: DtmfTone,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      clock.clearTimeout(guard);
      if (error) reject(error);
      else resolve();
    };
    const guard = clock.setTimeout(() => finish(), INFO_ANSWER_TIMEOUT_MS);
    void whenEnded.then(() => finish(new Error('Call is not active')));
    callAsync(() =>
      session.info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: DTMF_RELAY_CONTENT_TYPE,
            content: buildDtmfInfoBody(tone),
          },
        },
        requestDelegate: {
          onAccept: () => finish(),
          onReject: (response) =>
            finish(new Error(`The other side rejected the DTMF tone (${response.message.statusCode ?? 0})`)),
        },
      }),
    ).catch((error) => finish(new Error(`Could not send DTMF: ${errorMessage(error)}`)));
  });
}

/** Answers an INFO from the other side; a DTMF tone in it goes to `onTone`. */
export function answerInfo(info: InfoLike, logger: Logger, onTone: (tone: DtmfTone) => void): void {
  const kind = classifyInfo(info.request.getHeader('content-type'), info.request.body);
  const respond = (action: () => Promise<void>): void => {
    callAsync(action).catch((error) => logger.warn('Answering INFO failed', error));
  };
  switch (kind.kind) {
    case 'dtmf':
      respond(() => info.accept());
      onTone(kind.tone);
      break;
    case 'ignore':
      respond(() => info.accept());
      break;
    case 'bad-dtmf':
      respond(() => info.reject({ statusCode: 400 }));
      break;
    case 'unsupported':
      respond(() => info.reject({ statusCode: 415, extraHeaders: [`Accept: ${INFO_ACCEPT}`] }));
      break;
  }
}

export interface DtmfCall {
  readonly session: SessionLike;
  readonly clock: Clock;
  readonly whenEnded: Promise<void>;
  sdh(): WebSdhLike | null;
  method(): DtmfMethod;
  active(): boolean;
}

/** Sends tones one call at a time; INFO tones are queued behind earlier ones. */
export class DtmfSender {
  private infoChain: Promise<void> = Promise.resolve();

  constructor(private readonly call: DtmfCall) {}

  send(tones: string): Promise<void> {
    const call = this.call;
    const sequence = normalizeTones(tones);
    if (!call.active()) return Promise.reject(new Error('Call is not active'));
    const sender = audioSender(call.sdh());
    if (chooseDtmfMethod(call.method(), sender) === 'rfc4733') {
      const dtmf = sender?.dtmf;
      if (!dtmf?.canInsertDTMF)
        return Promise.reject(new Error('This call cannot send DTMF over RTP (RFC 4733)'));
      try {
        // insertDTMF replaces what is still queued, so append to it.
        dtmf.insertDTMF(dtmf.toneBuffer + sequence, DTMF_RTP_DURATION_MS, DTMF_RTP_GAP_MS);
      } catch (error) {
        return Promise.reject(new Error(`Could not send DTMF: ${errorMessage(error)}`));
      }
      return Promise.resolve();
    }
    const run = this.infoChain.then(async () => {
      for (const tone of sequence) {
        if (!call.active()) throw new Error('Call is not active');
        if (tone === ',') await sleep(call.clock, DTMF_PAUSE_MS);
        else await sendInfoTone(call.session, call.clock, call.whenEnded, tone as DtmfTone);
      }
    });
    this.infoChain = run.catch(noop);
    return run;
  }
}
