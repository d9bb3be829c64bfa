/**
 * Ask the browser to open `tel:` and `sip:` links with Openline (the installed app gets the same from
 * the manifest's `protocol_handlers`). The handler URL must match the manifest's and a route:
 * `/dialpad?to=%s`, which only fills the dialpad.
 */

export const PHONE_LINK_SCHEMES = ['tel', 'sip'] as const;
export const PHONE_LINK_PATH = '/dialpad?to=%s';

/** The part of `Navigator` used here, so tests can pass a fake. */
export interface ProtocolHandlerNavigator {
  registerProtocolHandler?(scheme: string, url: string): void;
}

export type PhoneLinkRegistration = { ok: true; schemes: readonly string[] } | { ok: false; error: string };

export function canRegisterPhoneLinks(nav: ProtocolHandlerNavigator | undefined): boolean {
  return typeof nav?.registerProtocolHandler === 'function';
}

/** Call from a user gesture (Settings → Phone links); the browser then asks the user to confirm. */
export function registerPhoneLinks(
  nav: ProtocolHandlerNavigator | undefined,
  origin: string,
): PhoneLinkRegistration {
  if (!nav || !canRegisterPhoneLinks(nav)) {
    return { ok: false, error: 'This browser cannot open phone links with a web app.' };
  }
  const done: string[] = [];
  const failed: string[] = [];
  for (const scheme of PHONE_LINK_SCHEMES) {
    try {
      nav.registerProtocolHandler?.(scheme, `${origin}${PHONE_LINK_PATH}`);
      done.push(scheme);
    } catch {
      // SecurityError on an insecure origin, or the scheme is not allowed in this browser.
      failed.push(scheme);
    }
  }
  if (done.length === 0) {
    return {
      ok: false,
      error: 'The browser refused to open phone links with Openline here (it needs HTTPS).',
    };
  }
  return { ok: true, schemes: done };
}
