import type { ReactNode } from 'react';

interface SettingsDisclosureProps {
  title: ReactNode;
  /** What is inside, in a few words, under the title. */
  hint: ReactNode;
  open: boolean;
  onOpenChange(open: boolean): void;
  className?: string;
  children: ReactNode;
}

/**
 * A settings card that opens and closes (the native `<details>`: keyboard-operable, its marker follows the
 * writing direction). Signed out, the call options and "More settings" wait in these below the sign-in form.
 */
export function SettingsDisclosure(props: SettingsDisclosureProps) {
  return (
    <details
      className={`settings-group settings-disclosure${props.className ? ` ${props.className}` : ''}`}
      open={props.open}
      onToggle={(e) => props.onOpenChange(e.currentTarget.open)}
    >
      <summary>
        <span className="settings-disclosure-title">{props.title}</span>
        <span className="field-hint">{props.hint}</span>
      </summary>
      <div className="settings-disclosure-body">{props.children}</div>
    </details>
  );
}
