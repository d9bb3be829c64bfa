import { Trans, useLingui } from '@lingui/react/macro';
import type { CallNotice } from '../../stores/calls';

export interface CallNoticesProps {
  notices: readonly CallNotice[];
  onDismiss: (id: string) => void;
}

/**
 * Engine warnings about calls (e.g. a hang-up that never reached the server). They usually outlive
 * the call they are about, so they sit above the app rather than on the call screen, until dismissed.
 */
export function CallNotices({ notices, onDismiss }: CallNoticesProps) {
  const { t } = useLingui();
  if (notices.length === 0) return null;
  return (
    <div className="call-notices">
      {notices.map((notice) => (
        <div key={notice.id} className="call-notice" role="alert">
          <p>{notice.message}</p>
          <button type="button" onClick={() => onDismiss(notice.id)} aria-label={t`Dismiss notice`}>
            <Trans>Dismiss</Trans>
          </button>
        </div>
      ))}
    </div>
  );
}
