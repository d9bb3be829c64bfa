/**
 * `/?answer=<SIP Call-ID>`: the service worker opens the app this way when the user taps Answer on a
 * pushed call. The parameter is read once and removed from the address bar (a reload must not
 * answer anything).
 */
export const ANSWER_PARAM = 'answer';

export function answerUrl(callId: string): string {
  return `/?${ANSWER_PARAM}=${encodeURIComponent(callId)}`;
}

export function takeAnswerParam(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const url = new URL(location.href);
  const callId = url.searchParams.get(ANSWER_PARAM);
  if (callId === null) return null;
  url.searchParams.delete(ANSWER_PARAM);
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return callId.length > 0 && callId.length <= 256 ? callId : null;
}
