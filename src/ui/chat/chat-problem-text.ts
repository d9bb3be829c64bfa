import { i18n as globalI18n, type I18n } from '@lingui/core';
import { msg, plural } from '@lingui/core/macro';
import type { ChatProblem } from '../../api/webcall-chat';

/**
 * The sentence for a chat problem (a refused message, a closed conversation), in the active language.
 * The server and the store send codes, never sentences: this `ui` text is loaded by both the softphone
 * and the customer's join page (docs/i18n.md). An unknown code gets the general sentence.
 */
export function chatProblemText(problem: ChatProblem, i18n: I18n = globalI18n): string {
  switch (problem.code) {
    case 'empty':
      return i18n._(msg`Type a message first.`);
    case 'too_long': {
      const max = problem.max ?? 0;
      return i18n._(msg`A message can be at most ${max} characters.`);
    }
    case 'too_many_messages': {
      const wait = problem.waitS;
      return wait === undefined
        ? i18n._(msg`Too many messages at once. Wait a moment and send again.`)
        : i18n._(
            msg`Too many messages at once. ${plural(wait, {
              one: 'Wait # second and send again.',
              other: 'Wait # seconds and send again.',
            })}`,
          );
    }
    case 'closed':
      return i18n._(msg`The agent has ended this call link; messages can no longer be sent.`);
    case 'expired':
      return i18n._(msg`This call link has expired; its conversation is gone.`);
    case 'not_found':
      return i18n._(msg`This conversation no longer exists.`);
    case 'forbidden':
      return i18n._(msg`This link does not open this conversation.`);
    case 'unauthenticated':
      return i18n._(msg`Open the call link again, or sign in.`);
    case 'unreachable':
      return i18n._(msg`Cannot reach the server. Check your connection.`);
    case 'too_many_streams':
      return i18n._(msg`This conversation is open in too many windows. Close one and try again.`);
    case 'no_stream':
      return i18n._(msg`This browser cannot read the live conversation.`);
    case 'file_transfer_off':
      return i18n._(msg`Sending files is off for this conversation.`);
    case 'file_empty':
      return i18n._(msg`This file is empty.`);
    case 'too_large': {
      const mb = Math.round((problem.max ?? 0) / 1_000_000);
      return problem.max
        ? i18n._(msg`This file is too big: files can be at most ${mb} MB.`)
        : i18n._(msg`This file is too big.`);
    }
    case 'unsupported_media_type':
      return i18n._(msg`Only images (PNG, JPEG, WebP, GIF) and PDF files can be sent.`);
    case 'too_many_files':
      return i18n._(msg`This conversation has too many files; no more can be sent.`);
    case 'invalid_request':
      return i18n._(msg`The server did not accept this message.`);
  }
  return i18n._(msg`Something went wrong with the conversation. Try again later.`);
}
