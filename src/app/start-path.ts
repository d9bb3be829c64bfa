/**
 * A start at `/` with no saved sign-in shows the sign-in form (RootRedirect's rule). Replacing the address
 * before the first render, rather than redirecting after it, lets the form's chunk load and render with
 * the shell: the form is the first visit's largest paint, and the redirect's extra render put it a
 * commit later (issue 10; ~250 ms at Lighthouse's 4× CPU). Returns whether the address changed.
 */
export const SIGN_IN_PATH = '/settings';

export function startOnSignInForm(
  location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  history: Pick<History, 'replaceState' | 'state'>,
  savedSignIn: boolean,
): boolean {
  if (location.pathname !== '/' || savedSignIn) return false;
  history.replaceState(history.state, '', `${SIGN_IN_PATH}${location.search}${location.hash}`);
  return true;
}
