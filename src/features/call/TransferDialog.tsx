import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface TransferDialogProps {
  /** Who is being transferred (the other party of the call). */
  partyName: string;
  onTransfer(target: string): void;
  onConsult(target: string): void;
  onClose(): void;
}

/**
 * Where to transfer the call: a modal dialog (focus moves into it, Escape closes it, focus returns to
 * the Transfer button) with the target field, "Transfer now" (blind) and "Consult first" (attended).
 */
export function TransferDialog({ partyName, onTransfer, onConsult, onClose }: TransferDialogProps) {
  const { t } = useLingui();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState(false);
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  // What opened the dialog, read while rendering: by the time effects run, autoFocus has moved focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // The dialog unmounts (React removes it) rather than closes, so the browser's own focus return of a
    // closed modal never happens: give focus back to what opened it (the Transfer button) ourselves.
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  function submit(kind: 'blind' | 'consult', event?: FormEvent) {
    event?.preventDefault();
    const value = target.trim();
    if (value === '') {
      setProblem(true);
      return;
    }
    if (kind === 'blind') onTransfer(value);
    else onConsult(value);
    onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      className="transfer-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(event) => submit('blind', event)} noValidate>
        <h2 id={titleId} className="transfer-title">
          <Trans>Transfer {partyName}</Trans>
        </h2>
        <label htmlFor={inputId} className="transfer-label">
          <Trans>Transfer to</Trans>
        </label>
        <input
          id={inputId}
          className="transfer-input"
          type="text"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          value={target}
          aria-describedby={hintId}
          dir="ltr"
          aria-invalid={problem}
          onChange={(event) => {
            setTarget(event.target.value);
            setProblem(false);
          }}
        />
        <p id={hintId} className={problem ? 'transfer-hint transfer-problem' : 'transfer-hint'}>
          {problem
            ? t`Enter a number or SIP address to transfer to`
            : t`A number, an extension or a SIP address (name@example.com).`}
        </p>
        <div className="transfer-actions">
          <button type="submit" className="button button-primary">
            <Trans>Transfer now</Trans>
          </button>
          <button type="button" className="button button-secondary" onClick={() => submit('consult')}>
            <Trans>Consult first</Trans>
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            <Trans>Cancel</Trans>
          </button>
        </div>
      </form>
    </dialog>
  );
}
