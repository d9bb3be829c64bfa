/** The agent workspace's calls to the platform API (ConnexCS-style softphone routes + campaign). */
import { z } from 'zod/mini';
import type { Http } from './client';
import {
  AgentButton,
  CampaignView,
  type AgentContext,
  type AgentFieldValue,
  type LeadOutcome,
} from './schemas';

export interface AgentApi {
  /** `GET /api/softphone/buttons?placement=agent`; malformed buttons are dropped and counted. */
  buttons(): Promise<{ buttons: AgentButton[]; dropped: number }>;
  /** `GET /api/softphone/form/:ref` (checked by the action runner's form model). */
  form(ref: string): Promise<unknown>;
  /** `POST /api/softphone/button/:id`: runs the button's server script. */
  runButton(id: string, context: AgentContext): Promise<unknown>;
  /** `POST /api/softphone/form/:id`. */
  submitForm(id: string, data: Record<string, AgentFieldValue>, context: AgentContext): Promise<unknown>;
  /** `GET /api/agent/campaign`. */
  campaign(): Promise<CampaignView>;
  /** `POST /api/agent/campaign/next`. */
  next(): Promise<CampaignView>;
  /** `POST /api/agent/campaign/save`. */
  save(outcome: LeadOutcome): Promise<CampaignView>;
}

const path = (kind: 'button' | 'form', id: string) => `/api/softphone/${kind}/${encodeURIComponent(id)}`;

export function agentApi(http: Http): AgentApi {
  return {
    async buttons() {
      const raw = await http.request('GET', '/api/softphone/buttons?placement=agent', z.array(z.unknown()));
      const buttons = raw.flatMap((b) => {
        const parsed = AgentButton.safeParse(b);
        return parsed.success ? [parsed.data] : [];
      });
      return { buttons, dropped: raw.length - buttons.length };
    },
    form: (ref) => http.request('GET', path('form', ref), z.unknown()),
    runButton: (id, context) => http.request('POST', path('button', id), z.unknown(), { body: { context } }),
    submitForm: (id, data, context) =>
      http.request('POST', path('form', id), z.unknown(), { body: { data, context } }),
    campaign: () => http.request('GET', '/api/agent/campaign', CampaignView),
    next: () => http.request('POST', '/api/agent/campaign/next', CampaignView, { body: {} }),
    save: (outcome) => http.request('POST', '/api/agent/campaign/save', CampaignView, { body: { outcome } }),
  };
}
