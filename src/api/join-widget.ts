/**
 * `GET /api/webcall/widget` for the customer's join page: the operator's widget settings (issue 14).
 * Plain fetch and zod/mini, like published-config.ts, for the join page's budget.
 */
import { z } from 'zod/mini';
import { errorMessage } from '../lib/errors';
import { JoinWidgetResponse, type JoinWidget } from './join-widget-schemas';

/** Rejects with a sentence saying what went wrong (unreachable, HTTP status, unexpected answer). */
export async function fetchJoinWidget(fetchImpl: typeof fetch = fetch): Promise<JoinWidget> {
  let response: Response;
  try {
    response = await fetchImpl('/api/webcall/widget', { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new Error(`Cannot reach the server: ${errorMessage(error)}`);
  }
  if (!response.ok) throw new Error(`GET /api/webcall/widget answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error('GET /api/webcall/widget did not return JSON');
  }
  const parsed = JoinWidgetResponse.safeParse(body);
  if (!parsed.success) {
    throw new Error(`GET /api/webcall/widget: unexpected answer (${z.prettifyError(parsed.error)})`);
  }
  return parsed.data.widget;
}
