import type { CallSnapshot, TransferStatus } from '../../stores/phone-types';
import { useCallerName } from '../../stores/caller-name-instance';

/** "Transferring…", "Transferred" or why it failed. */
export function transferText(status: TransferStatus): string {
  if (status.phase === 'transferred') return 'Transferred';
  if (status.phase === 'failed') return status.message ?? 'Transfer failed';
  return status.progress ? `Transferring… (${status.progress})` : 'Transferring…';
}

export function TransferProgress({ status }: { status: TransferStatus }) {
  return (
    <p className={`call-transfer call-transfer-${status.phase}`} role="status" data-testid="transfer-status">
      {transferText(status)}
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
  const { name } = useCallerName(customer);
  return (
    <div className="call-consult" role="group" aria-label="Attended transfer">
      <p className="call-consult-text">{name} is on hold, waiting to be transferred.</p>
      <button
        type="button"
        className="button button-primary"
        disabled={!connected || busy}
        onClick={onComplete}
      >
        Complete transfer
      </button>
      <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel}>
        Cancel transfer
      </button>
    </div>
  );
}
