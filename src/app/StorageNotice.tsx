import { Trans } from '@lingui/react/macro';
import { useSyncExternalStore } from 'react';
import { onStorageDenied, storageDenied } from '../lib/page-storage';

/**
 * Said once the browser has refused this page's storage (a frame on another site in a browser that
 * blocks third-party storage: issue 13's embedding). The app works in memory there, so the user
 * knows before a reload signs them out, and has a way to a tab where it is remembered.
 */
export function StorageNotice() {
  const denied = useSyncExternalStore(onStorageDenied, storageDenied, () => false);
  if (!denied) return null;
  return (
    <div className="storage-notice" role="note" data-testid="storage-notice">
      <p>
        <Trans>
          This browser keeps nothing for the phone inside this page: after a reload you will need to sign in
          again.
        </Trans>{' '}
        <a href="/" target="_blank" rel="noopener">
          <Trans>Open the phone in its own tab</Trans>
        </a>
      </p>
    </div>
  );
}
