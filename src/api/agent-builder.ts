/** The button and form builders' calls (`/api/admin/agent/*`, admins only; ADR 0022). */
import { z } from 'zod';
import { AgentDefinitions, type BuiltButton, type BuiltForm } from '../actions/builder-schemas';
import type { Http } from './client';

export interface AgentBuilderApi {
  /** `GET /api/admin/agent`: buttons and forms (seeded and built) and the loaded server scripts. */
  definitions(): Promise<AgentDefinitions>;
  /** `POST /api/admin/agent/buttons` (create) or `PUT …/:id` (replace a built one). */
  saveButton(button: BuiltButton, create: boolean): Promise<unknown>;
  deleteButton(id: string): Promise<unknown>;
  saveForm(form: BuiltForm, create: boolean): Promise<unknown>;
  deleteForm(id: string): Promise<unknown>;
}

const at = (kind: 'buttons' | 'forms', id?: string) =>
  `/api/admin/agent/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

export function agentBuilderApi(http: Http): AgentBuilderApi {
  return {
    definitions: () => http.request('GET', '/api/admin/agent', AgentDefinitions),
    saveButton: (button, create) =>
      http.request(create ? 'POST' : 'PUT', create ? at('buttons') : at('buttons', button.id), z.unknown(), {
        body: button,
      }),
    deleteButton: (id) => http.request('DELETE', at('buttons', id), z.unknown()),
    saveForm: (form, create) =>
      http.request(create ? 'POST' : 'PUT', create ? at('forms') : at('forms', form.id), z.unknown(), {
        body: form,
      }),
    deleteForm: (id) => http.request('DELETE', at('forms', id), z.unknown()),
  };
}
