import { Plural, Trans } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';

/** "Clear all history?" as a modal dialog (native `<dialog>`: focus trap and Escape for free). */
export function ClearAllDialog({
  open,
  count,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  count: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="history-dialog"
      aria-labelledby="clear-history-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="clear-history-title">
        <Trans>Clear all call history?</Trans>
      </h2>
      <p>
        <Plural
          value={count}
          one="The call in this account’s history on this device will be deleted. This cannot be undone."
          other="All # calls in this account’s history on this device will be deleted. This cannot be undone."
        />
      </p>
      <div className="history-dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} autoFocus>
          <Trans>Cancel</Trans>
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          <Trans>Clear all</Trans>
        </button>
      </div>
    </dialog>
  );
}
