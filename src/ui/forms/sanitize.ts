/**
 * Custom pages from the server are HTML: always through DOMPurify before they reach the DOM.
 * Links may only be http(s)/mailto/tel and open in a new tab without an opener.
 */
import DOMPurify from 'dompurify';

export const NO_CONTAINER = '<!-- NO-CONTAINER -->';

let hooked = false;
function purifier() {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!/^(?:https?:|mailto:|tel:)/i.test(href)) node.removeAttribute('href');
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return DOMPurify;
}

let canary: boolean | undefined;
/**
 * DOMPurify trusts the DOM it runs in; some DOM implementations (happy-dom, for one) let payloads
 * through while claiming support. Check once with a known payload and fail closed.
 */
export function sanitizerWorks(): boolean {
  canary ??=
    purifier().isSupported &&
    !/onerror|<script/i.test(purifier().sanitize('<img src=x onerror=alert(1)><script>alert(2)</script>'));
  return canary;
}

export function sanitizeHtml(html: string): string {
  if (!sanitizerWorks()) return '';
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'frame',
      'object',
      'embed',
    ],
    FORBID_ATTR: ['style', 'srcdoc', 'formaction', 'action'],
    ALLOW_DATA_ATTR: false,
  });
}

/** A page whose source starts with the NO-CONTAINER marker renders frameless, in a sandboxed iframe. */
export const isNoContainer = (html: string) => html.trimStart().startsWith(NO_CONTAINER);
