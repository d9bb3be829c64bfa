/**
 * A page's first `Intl` object loads ICU's data: ~50 ms in this Chromium, ~200 ms at Lighthouse's 4×
 * CPU; the next ones cost 0–15 ms. A start with nobody signed in lands on the sign-in form, whose
 * render creates the first ones (the demo-account hint's list, the country names) after the first
 * paint, where a phone feels them as a page that does not answer (issue 10: total blocking time). Made
 * here instead, while the entry runs and before the first render. A saved sign-in skips it: its
 * registration is on that path (navigation → REGISTER 200), and its first screen may need no `Intl`.
 *
 * Measured (docs/performance.md, session 16): Lighthouse mobile 83/79/79/78 with it against
 * 69/78/77/72 without, total blocking time 347–527 ms against 480–812.
 */
export function warmUpIcu(): void {
  try {
    new Intl.ListFormat(undefined, { type: 'unit' }).format(['']);
  } catch {
    // A browser without ListFormat: nothing to warm.
  }
}
