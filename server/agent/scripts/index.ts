/** The registry of server scripts by `sandbox_id`. Adding one is adding a line here. */
import { crmLookup, crmSave } from './crm';
import { callAlternate, callAltPrefill, disposition, escalate } from './campaign';
import { qualifyPatch, qualifySave } from './qualify';
import type { ServerScript } from './types';

export type { ScriptInput, ServerScript } from './types';
export { ScriptError } from './types';

export const DEMO_SCRIPTS: ReadonlyMap<string, ServerScript> = new Map([
  ['crm-lookup', crmLookup],
  ['crm-save', crmSave],
  ['disposition', disposition],
  ['call-alt-prefill', callAltPrefill],
  ['call-alternate', callAlternate],
  ['escalate', escalate],
  ['qualify-patch', qualifyPatch],
  ['qualify-save', qualifySave],
]);
