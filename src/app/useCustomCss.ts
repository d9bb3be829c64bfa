/**
 * The operator's custom CSS (issue 13): a same-origin stylesheet the server sanitises and scopes to
 * `#root` (server/webphone/custom-css.ts), linked while the configuration has any. The revision in the
 * address makes a change apply at once, without a reload.
 */
import { useEffect } from 'react';
import { useWebphoneConfig } from '../stores/webphone-config';

export const CUSTOM_CSS_LINK_ID = 'openline-custom-css';

export function useCustomCss(): void {
  const present = useWebphoneConfig((s) => s.config.customCss.trim() !== '');
  const revision = useWebphoneConfig((s) => s.revision);
  useEffect(() => {
    const existing = document.getElementById(CUSTOM_CSS_LINK_ID);
    if (!present) {
      existing?.remove();
      return;
    }
    const link = existing instanceof HTMLLinkElement ? existing : document.createElement('link');
    link.id = CUSTOM_CSS_LINK_ID;
    link.rel = 'stylesheet';
    // The scope adds an id to every selector, so the operator's rules outrank the app's class rules
    // wherever the link sits (lazy screens append their own CSS later).
    link.href = `/api/webphone/custom.css?rev=${revision}`;
    if (!link.isConnected) document.head.append(link);
  }, [present, revision]);
}
