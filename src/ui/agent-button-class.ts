/**
 * The class of a server-driven button by its colour role (`type`: primary, secondary, success,
 * danger, warning, info): the Agent tab draws buttons with it and Admin's button builder previews them.
 */
import './agent-button.css';

const TYPE_CLASS: Record<string, string> = {
  primary: 'button-primary',
  success: 'button-call',
  danger: 'button-danger',
  warning: 'agent-button-warning',
  info: 'agent-button-info',
  secondary: 'button-secondary',
};

export const agentButtonClass = (type: string | null | undefined) =>
  `button agent-button ${TYPE_CLASS[(type ?? '').toLowerCase()] ?? 'button-secondary'}`;
