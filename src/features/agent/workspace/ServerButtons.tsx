import { Trans, useLingui } from '@lingui/react/macro';
import type { AgentButton } from '../../../api/schemas';
import { agentButtonClass } from '../../../ui/agent-button-class';
import { Icon } from '../../../ui/icons';
import { serverIconName } from './server-icon';

export const buttonClass = agentButtonClass;

interface ServerButtonsProps {
  buttons: readonly AgentButton[];
  /** What the runner is doing, e.g. `button crm-lookup`; every button waits while it runs. */
  busy: string | null;
  onPress(button: AgentButton): void;
}

/** The company's buttons, from their server definitions (label, icon, tooltip, type, sort_order). */
export function ServerButtons({ buttons, busy, onPress }: ServerButtonsProps) {
  const { t } = useLingui();
  if (buttons.length === 0)
    return (
      <p className="agent-muted">
        <Trans>No buttons are configured for agents.</Trans>
      </p>
    );
  return (
    <div className="agent-button-row" role="group" aria-label={t`Company actions`}>
      {buttons.map((b) => {
        const running = busy === `button ${b.id}`;
        const icon = serverIconName(b.icon);
        return (
          <button
            key={b.id}
            type="button"
            className={buttonClass(b.type)}
            title={b.tooltip ?? undefined}
            disabled={busy !== null}
            aria-busy={running || undefined}
            data-button-id={b.id}
            // The company's own label and tooltip (its wording), not interface text: left out of the
            // Arabic e2e's English check.
            data-i18n-data
            onClick={() => onPress(b)}
          >
            {icon && <Icon name={icon} />}
            <span>{b.label || b.id}</span>
          </button>
        );
      })}
    </div>
  );
}
