/** The app's entry script in a built index.html: the boot script starts it (scripts/prerender-sign-in.ts). */
export function appEntryIn(html: string): string | undefined {
  return /var entry = "([^"]+)"/.exec(html)?.[1];
}
