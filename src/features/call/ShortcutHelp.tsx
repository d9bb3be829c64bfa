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
        Keyboard shortcuts
      </h2>
      <p className="shortcut-help-intro">
        Single keys, active whenever the cursor is not in a text field. Combinations with Control, Alt or
        Command stay with the browser.
      </p>
      <table className="shortcut-help-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
            <th scope="col">Works when</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd className="shortcut-help-key">{s.label}</kbd>
              </td>
              <td>{s.description}</td>
              <td>{s.when}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="shortcut-help-actions">
        <button type="submit" className="button button-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
