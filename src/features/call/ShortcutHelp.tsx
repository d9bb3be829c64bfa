import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import './shortcut-help.css';

interface ShortcutHelpProps {
  open: boolean;
  onClose(): void;
}

/**
 * The keyboard-shortcut help: a modal dialog listing the shortcut table. It stays in the document and
 * is opened and closed with showModal()/close(), so the browser returns focus to whatever opened it
 * (a button in Settings or the call view, or the `?` key) and Escape closes it natively.
 */
export function ShortcutHelp({ open, onClose }: ShortcutHelpProps) {
  const { i18n } = useLingui();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || typeof dialog.showModal !== 'function') return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="shortcut-help" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="shortcut-help-title">
        <Trans>Keyboard shortcuts</Trans>
      </h2>
      <p className="shortcut-help-intro">
        <Trans>
          Single keys, active whenever the cursor is not in a text field. Combinations with Control, Alt or
          Command stay with the browser. The keys are the same in every language: the letter printed on the
          key of an English (QWERTY) keyboard.
        </Trans>
      </p>
      <table className="shortcut-help-table">
        <thead>
          <tr>
            <th scope="col">
              <Trans>Key</Trans>
            </th>
            <th scope="col">
              <Trans>Action</Trans>
            </th>
            <th scope="col">
              <Trans>Works when</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ action, label, description, when }) => (
            <tr key={action}>
              <td>
                <kbd className="shortcut-help-key">{label}</kbd>
              </td>
              <td>{i18n._(description)}</td>
              <td>{i18n._(when)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="shortcut-help-actions">
        <button type="submit" className="button button-primary">
          <Trans>Close</Trans>
        </button>
      </form>
    </dialog>
  );
}
