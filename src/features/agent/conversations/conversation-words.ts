import { i18n as globalI18n, type I18n, type MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type {
  ChannelCallEvent,
  ChannelKind,
  ChannelMediaKind,
  ChannelMessageView,
} from '../../../api/channels-schemas';
import { formatDuration } from '../../../lib/duration';
import type { ConversationProblem } from '../../../stores/channel-conversations';

/**
 * The Conversations panel's words for what the server and the store send as codes: why an action was
 * refused, a message's delivery state, how a conversation was routed, the channel's kind. The server
 * stays free of wording in other languages (server/channels); its English sentences are for logs.
 */

/** The sentence for a refused action or a failed load; an unknown code shows the message as written. */
export function conversationProblemText(
  problem: ConversationProblem,
  channel: string | null,
  i18n: I18n = globalI18n,
): string {
  switch (problem.code) {
    case 'taken':
      return i18n._(msg`Another agent took this conversation first.`);
    case 'window_closed':
      return i18n._(
        msg`The 24-hour customer-service window is closed: only a template message can be sent until the customer writes again.`,
      );
    case 'closed':
      return i18n._(msg`This conversation is closed.`);
    case 'unassigned':
      return i18n._(msg`Take this conversation first.`);
    case 'no_channel':
      return channel
        ? i18n._(msg`The channel ${channel} is no longer configured.`)
        : i18n._(msg`This conversation’s channel is no longer configured.`);
    case 'forbidden':
      return i18n._(msg`Only agents handle channel conversations.`);
    case 'not_found':
      return i18n._(msg`This conversation no longer exists.`);
    case 'expired':
      return i18n._(msg`This call link has expired.`);
    case 'invalid_request':
      return i18n._(msg`The server did not accept this request. Reload the conversation and try again.`);
    case 'too_many_streams':
      return i18n._(msg`The Conversations panel is open in too many windows. Close one and reload.`);
    case 'unreachable':
      return i18n._(msg`Cannot reach the server. Check your connection.`);
    case 'call_link_failed':
      return i18n._(msg`The call link could not be created (see the Webcall panel).`);
    case 'media_unsupported':
      return i18n._(msg`This channel does not take this kind of file. Send a JPEG or PNG image, or a PDF.`);
    case 'file_empty':
      return i18n._(msg`The file is empty.`);
    case 'file_too_big':
    case 'too_large':
      return i18n._(msg`The file is too big: files can be at most 10 MB.`);
    case 'file_not_allowed':
    case 'unsupported_media_type':
      return i18n._(msg`Only images (PNG, JPEG, WebP, GIF) and PDFs can be sent.`);
    case 'rate_limited':
      return i18n._(msg`Too many files sent in the last hour. Try again later.`);
  }
  return problem.message;
}

/**
 * A message's delivery state. The server records why delivery gave up as a code
 * (server/channels/outbound.ts: `status:503`, `unreachable`, `timeout`), worded here with the status
 * number kept; rows from before the code (migration 19) have only the English reason, read the same
 * way. Anything else counts as not delivered.
 */
export function deliveryText(m: ChannelMessageView, i18n: I18n = globalI18n): string {
  if (m.direction === 'in') return i18n._(msg({ message: 'Received', context: 'channel message' }));
  if (m.status === 'sent') return i18n._(msg({ message: 'Sent', context: 'channel message' }));
  if (m.status === 'failed') {
    const code = m.reasonCode ?? '';
    if (code === 'timeout') return i18n._(msg`Failed: The provider did not answer in time.`);
    if (code === 'unreachable') return i18n._(msg`Failed: The provider is unreachable.`);
    const answered =
      /^status:(\d{3})$/.exec(code) ??
      (code ? null : /^The provider answered (\d{3})\.$/.exec(m.reason ?? ''));
    if (answered) {
      const status = answered[1]!;
      return i18n._(msg`Failed: The provider answered ${status}.`);
    }
    if (m.reason?.startsWith('The provider is unreachable')) {
      return i18n._(msg`Failed: The provider is unreachable.`);
    }
    return i18n._(msg`Failed: not delivered`);
  }
  if (m.attempts > 0) {
    const attempt = m.attempts + 1;
    return i18n._(msg`Sending… (attempt ${attempt})`);
  }
  return i18n._(msg`Sending…`);
}

/**
 * A call row of the timeline (ADR 0029): what happened to the webcall whose link was sent here. The
 * duration is `mm:ss` in the language's digits; an end nobody reported has none (ADR 0034).
 */
export function callEventText(e: ChannelCallEvent, i18n: I18n = globalI18n): string {
  switch (e.event) {
    case 'opened':
      return i18n._(msg`The customer opened the call link`);
    case 'answered':
      return i18n._(msg`The customer joined the call and it was answered`);
    case 'ended': {
      // Nobody reported the end (ADR 0034: the agent's app went away): say so rather than 00:00.
      if (e.durationMs === null) return i18n._(msg`Call ended; its length is not known`);
      const duration = formatDuration(e.durationMs, i18n.locale);
      return i18n._(msg`Call ended after ${duration}`);
    }
    case 'expired':
      return i18n._(msg`The call link expired unused`);
  }
}

const KIND_LABEL: Record<ChannelMessageView['kind'], MessageDescriptor | null> = {
  text: null,
  template: msg({ message: 'Template', context: 'channel message kind' }),
  call: msg`Call link`,
  notice: msg`Session ended`,
};

/** The label over a message that is not plain text (template, call link, end of session). */
export function messageKindLabel(kind: ChannelMessageView['kind'], i18n: I18n = globalI18n): string | null {
  const label = KIND_LABEL[kind];
  return label ? i18n._(label) : null;
}

const ROUTED_BY: Record<string, MessageDescriptor> = {
  named: msg({ message: 'named agent', context: 'routed by' }),
  returning: msg({ message: 'returning customer', context: 'routed by' }),
  available: msg({ message: 'available agent', context: 'routed by' }),
  queue: msg({ message: 'queue', context: 'routed by' }),
  claimed: msg({ message: 'taken by an agent', context: 'routed by' }),
};

/** How the router chose the conversation's agent (server/channels/routing.ts); unknown values as they are. */
export function routedByText(routedBy: string, i18n: I18n = globalI18n): string {
  const label = Object.hasOwn(ROUTED_BY, routedBy) ? ROUTED_BY[routedBy] : undefined;
  return label ? i18n._(label) : routedBy;
}

/** The channel's kind: brand names stay as they are; the generic webhook channel is a word. */
export function channelKindText(kind: ChannelKind, i18n: I18n = globalI18n): string {
  switch (kind) {
    case 'whatsapp':
      return 'WhatsApp';
    case 'viber':
      return 'Viber';
    case 'generic':
      return i18n._(msg({ message: 'webhook', context: 'channel kind' }));
  }
}

/**
 * The name of a customer's voice note, audio or video in the timeline (ADR 0036): who sent it and, once
 * the browser has read it, how long it is ("Voice message from Wendy, 00:12").
 */
export function playableLabel(
  kind: ChannelMediaKind,
  from: string,
  seconds: number | null,
  i18n: I18n = globalI18n,
): string {
  if (seconds === null) {
    switch (kind) {
      case 'voice':
        return i18n._(msg`Voice message from ${from}`);
      case 'video':
        return i18n._(msg`Video from ${from}`);
      default:
        return i18n._(msg`Audio from ${from}`);
    }
  }
  const length = formatDuration(seconds * 1000, i18n.locale);
  switch (kind) {
    case 'voice':
      return i18n._(msg`Voice message from ${from}, ${length}`);
    case 'video':
      return i18n._(msg`Video from ${from}, ${length}`);
    default:
      return i18n._(msg`Audio from ${from}, ${length}`);
  }
}
