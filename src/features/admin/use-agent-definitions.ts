import { useLingui } from '@lingui/react/macro';
import { useCallback, useEffect, useState } from 'react';
import { agentBuilder, type AgentDefinitions } from '../../stores/agent-builder';

/** The Agent tab's buttons and forms and the loaded scripts, for the builders; `reload` after a save. */
export function useAgentDefinitions() {
  const [definitions, setDefinitions] = useState<AgentDefinitions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useLingui();
  const reload = useCallback(async () => {
    try {
      setDefinitions(await agentBuilder.definitions());
      setError(null);
    } catch (e) {
      const problem = e instanceof Error ? e.message : String(e);
      setError(t`Could not load the buttons and forms: ${problem}`);
    }
  }, [t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { definitions, error, reload };
}
