import type { I18n } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import type { CallSnapshot, TransferStatus } from '../../stores/phone-types';
import { useCallerName } from '../../stores/caller-name-instance';

/** "Transferring…", "Transferred" or why it failed, in `i18n`'s language. */
export function transferText(status: TransferStatus, i18n: I18n): string {
  if (status.phase === 'transferred') return i18n._(msg`Transferred`);
  if (status.phase === 'failed') return status.message ?? i18n._(msg`Transfer failed`);
  const progress = status.progress;
  return progress ? i18n._(msg`Transferring… (${progress})`) : i18n._(msg`Transferring…`);
}

export function TransferProgress({ status }: { status: TransferStatus }) {
  const { i18n } = useLingui();
  return (
    <p className={`call-transfer call-transfer-${status.phase}`} role="status" data-testid="transfer-status">
      {transferText(status, i18n)}
    </p>
  );
}

interface ConsultBarProps {
  /** The call on hold that will be handed over. */
  customer: CallSnapshot;
  /** The consultation call is connected (complete is possible only then). */
  connected: boolean;
  busy: boolean;
  onComplete(): void;
  onCancel(): void;
}

/** On the consultation call: complete the attended transfer, or cancel and go back to the customer. */
export function ConsultBar({ customer, connected, busy, onComplete, onCancel }: ConsultBarProps) {
  const { t } = useLingui();
  const { name } = useCallerName(customer);
  return (
    <div className="call-consult" role="group" aria-label={t`Attended transfer`}>
      <p className="call-consult-text">
        <Trans>{name} is on hold, waiting to be transferred.</Trans>
      </p>
      <button
        type="button"
        className="button button-primary"
        disabled={!connected || busy}
        onClick={onComplete}
      >
        <Trans>Complete transfer</Trans>
      </button>
      <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel}>
        <Trans>Cancel transfer</Trans>
      </button>
    </div>
  );
}
