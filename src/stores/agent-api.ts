/** The agent workspace's calls to the platform API (ConnexCS-style softphone routes + campaign). */
import { z } from 'zod';
import { requestJson } from '../api/client';
import {
  AgentButton,
  CampaignView,
  type AgentContext,
  type AgentFieldValue,
  type LeadOutcome,
} from '../api/schemas';

export interface AgentApi {
  buttons(): Promise<{ buttons: AgentButton[]; dropped: number }>;
  form(ref: string): Promise<unknown>;
  runButton(id: string, context: AgentContext): Promise<unknown>;
  submitForm(id: string, data: Record<string, AgentFieldValue>, context: AgentContext): Promise<unknown>;
  campaign(): Promise<CampaignView>;
  next(): Promise<CampaignView>;
  save(outcome: LeadOutcome): Promise<CampaignView>;
}

const path = (kind: 'button' | 'form', id: string) => `/api/softphone/${kind}/${encodeURIComponent(id)}`;

export const httpAgentApi: AgentApi = {
  async buttons() {
    const raw = await requestJson('GET', '/api/softphone/buttons?placement=agent', z.array(z.unknown()));
    const buttons = raw.flatMap((b) => {
      const parsed = AgentButton.safeParse(b);
      return parsed.success ? [parsed.data] : [];
    });
    return { buttons, dropped: raw.length - buttons.length };
  },
  form: (ref) => requestJson('GET', path('form', ref), z.unknown()),
  runButton: (id, context) => requestJson('POST', path('button', id), z.unknown(), { body: { context } }),
  submitForm: (id, data, context) =>
    requestJson('POST', path('form', id), z.unknown(), { body: { data, context } }),
  campaign: () => requestJson('GET', '/api/agent/campaign', CampaignView),
  next: () => requestJson('POST', '/api/agent/campaign/next', CampaignView, { body: {} }),
  save: (outcome) => requestJson('POST', '/api/agent/campaign/save', CampaignView, { body: { outcome } }),
};
