import { heldStart } from '../lib/held-start';
import { ClientConfig } from './schemas';

/**
 * `/api/config` as the boot script already asked for it on a start that waited for the first input
 * (index.html, ADR 0041), taken once: on a phone that is a round trip the visitor's first input does not
 * wait for again. Null when there is none, or once taken; rejects on an answer that fails the schema or
 * did not come, so the caller asks the network itself.
 */
export function takeBootConfig(): Promise<ClientConfig> | null {
  const held = heldStart();
  const answer = held?.config;
  if (!held || !answer) return null;
  held.config = undefined;
  return answer.then((json) => {
    const parsed = ClientConfig.safeParse(json);
    if (!parsed.success) throw new Error('Openline: the boot script’s /api/config answer is not a config');
    return parsed.data;
  });
}
