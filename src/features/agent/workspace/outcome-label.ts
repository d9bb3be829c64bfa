import { useLingui } from '@lingui/react/macro';
import type { LeadOutcome } from '../../../api/schemas';

/**
 * A lead outcome in the agent's language. The stored value (`Yes`, `No`, `Unknown`) stays English:
 * it is what the server and the `save(...)` action take; only its label is translated.
 */
export function useOutcomeLabel(): (outcome: string) => string {
  const { t } = useLingui();
  const labels: Record<LeadOutcome, string> = {
    Yes: t({ message: 'Yes', context: 'lead outcome' }),
    No: t({ message: 'No', context: 'lead outcome' }),
    Unknown: t({ message: 'Unknown', context: 'lead outcome' }),
  };
  return (outcome) => (outcome in labels ? labels[outcome as LeadOutcome] : outcome);
}
