/**
 * The button and form builders' API (issue 13, ADR 0022). Admins only (403 otherwise), bodies checked
 * by the runner's own schemas (src/actions/builder-schemas.ts), every change audited and pushed to open
 * Agent tabs:
 *   GET    /api/admin/agent               buttons and forms (seeded and built) and the loaded scripts
 *   POST   /api/admin/agent/buttons       create a button (409 duplicate_id)
 *   PUT    /api/admin/agent/buttons/:id   replace a built button (404; 409 read_only for seeded ones)
 *   DELETE /api/admin/agent/buttons/:id
 *   POST   /api/admin/agent/forms         create a form
 *   PUT    /api/admin/agent/forms/:id
 *   DELETE /api/admin/agent/forms/:id     (409 form_in_use while a button opens it)
 * References are checked here, where the truth is: a button's form (by `form_id`, or `openForm(...)`
 * in its `fn`) must exist, and a server script must be loaded.
 */
import {
  BuiltButton,
  BuiltForm,
  fnFormReference,
  MAX_BUTTONS,
  MAX_FORMS,
  type AgentDefinitions,
} from '../../src/actions/builder-schemas';
import type { AccountStore } from '../accounts';
import { HttpError, type RequestContext, type Router } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { AgentDefinitionsStore, ListedButton, ListedForm } from './definitions-store';

export interface AgentAdminDeps {
  definitions: AgentDefinitionsStore;
  accounts: AccountStore;
  /** The sandbox_ids of the server scripts loaded at start. */
  scripts: () => readonly string[];
}

export function agentAdminRoutes({ definitions, accounts, scripts }: AgentAdminDeps): RouteModule {
  const admin = (ctx: RequestContext): string => {
    const account = ctx.user && accounts.get(ctx.user.username);
    if (!account) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
    if (account.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only an administrator can do this.');
    return account.username;
  };
  const bad = (message: string) => new HttpError(400, 'invalid_request', message);

  const checkScript = (field: string, sandboxId: string | null) => {
    if (sandboxId !== null && !scripts().includes(sandboxId)) {
      throw bad(`${field}: no server script "${sandboxId}" is loaded.`);
    }
  };

  const checkButton = (button: BuiltButton) => {
    if (button.form_id !== null && !definitions.form(button.form_id)) {
      throw bad(`form_id: no form "${button.form_id}".`);
    }
    const opened = button.fn === null ? null : fnFormReference(button.fn);
    if (opened !== null && !definitions.formByRef(opened)) throw bad(`fn: no form "${opened}" to open.`);
    checkScript('sandbox_id', button.sandbox_id);
  };

  /** The row behind `:id`, which must be one the builder made. */
  const editable = <T extends { origin: string }>(row: T | undefined, kind: string, id: string): T => {
    if (!row) throw new HttpError(404, 'not_found', `No ${kind} "${id}".`);
    if (row.origin !== 'admin') {
      throw new HttpError(
        409,
        'read_only',
        `The ${kind} "${id}" comes with the server and cannot be changed here.`,
      );
    }
    return row;
  };
  const sameId = (ctx: RequestContext, id: string) => {
    if (ctx.params.id !== id) throw bad(`id: the address says "${ctx.params.id ?? ''}", the body "${id}".`);
  };

  return (router: Router) => {
    router.get(
      '/api/admin/agent',
      (ctx): AgentDefinitions => {
        admin(ctx);
        return { buttons: definitions.buttons(), forms: definitions.forms(), scripts: [...scripts()].sort() };
      },
      { auth: true },
    );

    router.post(
      '/api/admin/agent/buttons',
      async (ctx): Promise<ListedButton> => {
        const actor = admin(ctx);
        const button = await ctx.body(BuiltButton);
        if (definitions.button(button.id)) {
          throw new HttpError(409, 'duplicate_id', `id: a button "${button.id}" already exists.`);
        }
        if (definitions.countAdmin('agent_buttons') >= MAX_BUTTONS) {
          throw new HttpError(409, 'too_many', `At most ${MAX_BUTTONS} built buttons.`);
        }
        checkButton(button);
        ctx.reply.code(201);
        return definitions.saveButton(actor, button);
      },
      { auth: true },
    );

    router.put(
      '/api/admin/agent/buttons/:id',
      async (ctx): Promise<ListedButton> => {
        const actor = admin(ctx);
        const button = await ctx.body(BuiltButton);
        sameId(ctx, button.id);
        editable(definitions.button(button.id), 'button', button.id);
        checkButton(button);
        return definitions.saveButton(actor, button);
      },
      { auth: true },
    );

    router.delete(
      '/api/admin/agent/buttons/:id',
      (ctx) => {
        const actor = admin(ctx);
        const id = ctx.params.id ?? '';
        editable(definitions.button(id), 'button', id);
        definitions.deleteButton(actor, id);
        return { deleted: id };
      },
      { auth: true },
    );

    router.post(
      '/api/admin/agent/forms',
      async (ctx): Promise<ListedForm> => {
        const actor = admin(ctx);
        const form = await ctx.body(BuiltForm);
        if (definitions.form(form.id)) {
          throw new HttpError(409, 'duplicate_id', `id: a form "${form.id}" already exists.`);
        }
        if (definitions.countAdmin('agent_forms') >= MAX_FORMS) {
          throw new HttpError(409, 'too_many', `At most ${MAX_FORMS} built forms.`);
        }
        checkScript('sandbox_id', form.sandbox_id);
        ctx.reply.code(201);
        return definitions.saveForm(actor, form);
      },
      { auth: true },
    );

    router.put(
      '/api/admin/agent/forms/:id',
      async (ctx): Promise<ListedForm> => {
        const actor = admin(ctx);
        const form = await ctx.body(BuiltForm);
        sameId(ctx, form.id);
        editable(definitions.form(form.id), 'form', form.id);
        checkScript('sandbox_id', form.sandbox_id);
        return definitions.saveForm(actor, form);
      },
      { auth: true },
    );

    router.delete(
      '/api/admin/agent/forms/:id',
      (ctx) => {
        const actor = admin(ctx);
        const id = ctx.params.id ?? '';
        editable(definitions.form(id), 'form', id);
        const users = definitions.buttonsUsingForm(id);
        if (users.length) {
          throw new HttpError(409, 'form_in_use', `The form "${id}" is opened by: ${users.join(', ')}.`);
        }
        definitions.deleteForm(actor, id);
        return { deleted: id };
      },
      { auth: true },
    );
  };
}
