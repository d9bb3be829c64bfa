/**
 * `GET /api/webcall/widget` for the customer's join page: the operator's widget settings (issue 14).
 * Plain fetch and zod/mini, like published-config.ts, for the join page's budget. Rejects when the
 * server cannot be reached, answers an error or sends what the schema refuses; the page then keeps its
 * defaults (src/stores/join-widget.ts).
 */
import { JoinWidgetResponse, type JoinPageWidget } from './join-widget-schemas';

export async function fetchJoinWidget(fetchImpl: typeof fetch = fetch): Promise<JoinPageWidget> {
  const response = await fetchImpl('/api/webcall/widget', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/webcall/widget answered ${response.status}`);
  return JoinWidgetResponse.parse(await response.json()).widget;
}
