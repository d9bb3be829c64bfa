import { describe, expect, it } from 'vitest';
import { answerUrl, takeAnswerParam } from './push-answer-url';

function fakeHistory() {
  const urls: string[] = [];
  return {
    urls,
    state: null,
    replaceState: (_s: unknown, _t: string, url?: string | URL | null) => urls.push(String(url)),
  };
}

describe('answer URL', () => {
  it('round-trips a Call-ID and removes it from the address bar', () => {
    const history = fakeHistory();
    const href = `https://openline.example${answerUrl('a1b2@host;x=1')}&x=2#h`;
    expect(takeAnswerParam({ href }, history)).toBe('a1b2@host;x=1');
    expect(history.urls).toEqual(['/?x=2#h']);
  });

  it('ignores pages opened without one, and refuses empty or oversized ids', () => {
    const history = fakeHistory();
    expect(takeAnswerParam({ href: 'https://openline.example/dialpad' }, history)).toBeNull();
    expect(history.urls).toEqual([]);
    expect(takeAnswerParam({ href: 'https://openline.example/?answer=' }, history)).toBeNull();
    expect(
      takeAnswerParam({ href: `https://openline.example/?answer=${'x'.repeat(300)}` }, history),
    ).toBeNull();
    expect(history.urls).toEqual(['/', '/']);
  });
});
