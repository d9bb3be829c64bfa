/**
 * Webphone configuration endpoints (issue 13): read by every signed-in user, changed by admins only
 * (403 otherwise), every change audited; open apps hear of changes through the event stream.
 */
import {
  AccountBalance,
  WebphoneConfig,
  type AuditEntry,
  type WebphoneConfigResponse,
} from '../../src/api/webphone-schemas';
import type { JoinWidgetResponse } from '../../src/api/join-widget-schemas';
import type { AccountStore } from '../accounts';
import { HttpError, type RequestContext, type Router } from '../api/router';
import type { RouteModule } from '../api/routes';
import { sanitizeCustomCss } from './custom-css';
import type { ConfigEventHub } from './events';
import type { WebphoneConfigStore } from './store';

export interface WebphoneDeps {
  store: WebphoneConfigStore;
  accounts: AccountStore;
  events: ConfigEventHub;
}

export function webphoneRoutes({ store, accounts, events }: WebphoneDeps): RouteModule {
  const viewer = (ctx: RequestContext) => {
    const account = ctx.user && accounts.get(ctx.user.username);
    if (!account) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
    return account;
  };
  const admin = (ctx: RequestContext) => {
    const account = viewer(ctx);
    if (account.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'Only an administrator can do this.');
    }
    return account;
  };
  const answer = (ctx: RequestContext): WebphoneConfigResponse => {
    const { username, role } = viewer(ctx);
    const { revision, config } = store.get();
    ctx.reply.header('ETag', `"${revision}"`);
    return { revision, config, viewer: { username, role } };
  };

  return (router: Router) => {
    router.get('/api/webphone/config', answer, { auth: true });
    router.put(
      '/api/webphone/config',
      async (ctx) => {
        const { username } = admin(ctx);
        const config = await ctx.body(WebphoneConfig);
        const css = sanitizeCustomCss(config.customCss);
        if ('problem' in css) throw new HttpError(400, 'invalid_request', `customCss: ${css.problem}`);
        store.update(username, config);
        return answer(ctx);
      },
      { auth: true },
    );
    // Public like the app's own stylesheets (the sign-in screen is branded too); re-checked on the way out,
    // so a row written by hand or by an older version cannot serve what PUT refuses.
    router.get('/api/webphone/custom.css', (ctx) => {
      const { revision, config } = store.get();
      const css = sanitizeCustomCss(config.customCss);
      return ctx.reply
        .header('Cache-Control', 'no-cache')
        .header('ETag', `"css-${revision}"`)
        .type('text/css; charset=utf-8')
        .send('css' in css ? css.css : '');
    });
    // The customers' join page (issue 14): public (a customer has no account), cacheable for a minute and
    // revalidated by revision, so a busy link page costs the server a 304 at most.
    router.get('/api/webcall/widget', (ctx) => {
      const { revision, config } = store.get();
      const etag = `"widget-${revision}"`;
      ctx.reply.header('Cache-Control', 'public, max-age=60').header('ETag', etag);
      if (ctx.request.headers['if-none-match'] === etag) return ctx.reply.code(304).send();
      // The opening hours stay here: the page learns only free/busy/closed (server/webcall/availability-routes.ts).
      const { openingHours: _hours, ...widget } = config.joinWidget;
      const body: JoinWidgetResponse = { widget };
      return ctx.reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
    });
    router.get(
      '/api/webphone/events',
      (ctx) => {
        const { username } = viewer(ctx);
        const refused = events.refusal(username);
        if (refused) throw new HttpError(429, 'too_many_streams', refused);
        ctx.reply.hijack();
        events.open(username, ctx.reply.raw, store.get().revision);
        return ctx.reply;
      },
      { auth: true },
    );
    router.get(
      '/api/admin/audit',
      (ctx): { entries: AuditEntry[] } => {
        admin(ctx);
        const limit = Number(ctx.url.searchParams.get('limit') ?? 50);
        if (!Number.isInteger(limit) || limit < 1) {
          throw new HttpError(400, 'invalid_request', 'limit: a whole number from 1.');
        }
        return { entries: store.audit(limit) };
      },
      { auth: true },
    );
    router.get(
      '/api/account/balance',
      (ctx): AccountBalance => {
        const { username } = viewer(ctx);
        const balance = accounts.balance(username);
        if (!balance) throw new HttpError(404, 'not_found', 'This account has no balance.');
        return balance;
      },
      { auth: true },
    );
  };
}
