/**
 * The action runner's contracts: the ports it drives (implemented by the stores, faked in tests)
 * and the results it records. Nothing here knows about React, stores or the DOM.
 */
import type { AgentFieldValue, LeadOutcome } from '../api/schemas';
import type { FormModel, FormPatch } from './form-model';

/** What a port call came to: ok with a short note, or a message for the agent. */
export type PortOutcome = { ok: true; detail?: string } | { ok: false; error: string };

export interface PhonePort {
  /** Answers the ringing incoming call. */
  answer(): Promise<PortOutcome>;
  /** Ends the current call. */
  hangup(): Promise<PortOutcome>;
  /** Places an audio call to a dial string. */
  dial(target: string): Promise<PortOutcome>;
  /** Mutes or unmutes the current call's microphone. */
  toggleMic(): Promise<PortOutcome>;
}

export interface FormsPort {
  /** Fetches a form definition by id or name (raw server JSON; the runner validates it). */
  load(ref: string): Promise<unknown>;
  /** Shows a form (replacing any open one). */
  show(form: FormModel): void;
  /** Applies a live patch to the open form (formSchema/formData answered by a submit). */
  patch(patch: FormPatch): void;
  close(): void;
}

export type NavigationTarget = '_blank' | '_self';

export interface NavigationPort {
  /** Base URL of the app, for resolving and checking internal links. */
  readonly origin: string;
  /** Opens an already-checked absolute http(s) URL. */
  open(url: string, target: NavigationTarget): PortOutcome;
}

export interface LeadNumbers {
  phone: string;
  alt_phone: string;
  phone_code: string;
}

export interface CampaignPort {
  /** The lead being worked (for makeCall(alt_phone) etc.), or null. */
  lead(): LeadNumbers | null;
  next(): Promise<PortOutcome>;
  save(outcome: LeadOutcome): Promise<PortOutcome>;
}

export interface ServerPort {
  /** `POST /api/softphone/button/:id`: raw JSON of the answer (the runner validates it). */
  runButton(id: string): Promise<unknown>;
  /** `POST /api/softphone/form/:id`. */
  submitForm(id: string, data: Record<string, AgentFieldValue>): Promise<unknown>;
}

export interface ActionPorts {
  phone: PhonePort;
  forms: FormsPort;
  navigation: NavigationPort;
  campaign: CampaignPort;
  server: ServerPort;
}

export type ResultStatus = 'ok' | 'error' | 'unsupported' | 'busy';

export interface ActionResult {
  status: ResultStatus;
  message: string;
}

export const ok = (message: string): ActionResult => ({ status: 'ok', message });
export const fail = (message: string): ActionResult => ({ status: 'error', message });
export const fromPort = (outcome: PortOutcome, okMessage: string): ActionResult =>
  outcome.ok ? ok(outcome.detail ?? okMessage) : fail(outcome.error);
