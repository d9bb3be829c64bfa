import { describe, expect, it, vi } from 'vitest';
import { startOnSignInForm } from './start-path';

function fakeHistory() {
  return { state: { idx: 0 }, replaceState: vi.fn() };
}

describe('startOnSignInForm', () => {
  it('sends a start at / with no saved sign-in to the form, keeping its query and fragment', () => {
    const history = fakeHistory();
    const moved = startOnSignInForm({ pathname: '/', search: '?x=1', hash: '#h' }, history, false);
    expect(moved).toBe(true);
    expect(history.replaceState).toHaveBeenCalledWith({ idx: 0 }, '', '/settings?x=1#h');
  });

  it('leaves a saved sign-in at / to RootRedirect (its first tab comes from the operator menu)', () => {
    const history = fakeHistory();
    expect(startOnSignInForm({ pathname: '/', search: '', hash: '' }, history, true)).toBe(false);
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('never moves a start on any other path', () => {
    const history = fakeHistory();
    for (const pathname of ['/dialpad', '/settings', '/contacts/42', '/unknown']) {
      expect(startOnSignInForm({ pathname, search: '', hash: '' }, history, false)).toBe(false);
    }
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});
