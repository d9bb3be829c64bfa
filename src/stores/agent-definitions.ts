/**
 * The revision of the Agent tab's buttons and forms as the server last announced it (the `agent`
 * event on the configuration stream, ADR 0022). The Agent tab reloads its buttons when it changes,
 * so a button an admin saves appears in open apps without a reload.
 */
import { create } from 'zustand';

export const useAgentDefinitionsRevision = create<{ revision: number }>(() => ({ revision: 0 }));

export function agentDefinitionsChanged(revision: number): void {
  useAgentDefinitionsRevision.setState({ revision });
}
