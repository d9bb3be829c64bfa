/**
 * `/api/admin/accounts` (admins only, 403 otherwise; zod-validated bodies) and `/api/signup` (public,
 * only while Register is on, rate-limited per address). The rules live in ./accounts-service.ts.
 */
import {
  AccountCreate,
  AccountEnabled,
  AccountUpdate,
  PasswordReset,
  SignupRequest,
  passwordProblem,
  type AccountWithPassword,
  type AdminAccount,
  type SignupResponse,
} from '../../src/api/account-schemas';
import type { WebphoneConfig } from '../../src/api/webphone-schemas';
import type { AccountStore } from '../accounts';
import { HttpError, type RequestContext, type Router } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { AccountsService } from './accounts-service';
import type { RateWindow } from './rate-window';

export interface AccountsRoutesDeps {
  service: AccountsService;
  accounts: AccountStore;
  config: () => WebphoneConfig;
  signupLimit: RateWindow;
}

export function accountsRoutes({ service, accounts, config, signupLimit }: AccountsRoutesDeps): RouteModule {
  const admin = (ctx: RequestContext): string => {
    const account = ctx.user && accounts.get(ctx.user.username);
    if (!account) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
    if (account.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only an administrator can do this.');
    return account.username;
  };
  const signupOn = () => {
    const c = config();
    return c.flags.register && accounts.get(c.registration.templateUsername) !== undefined;
  };

  return (router: Router) => {
    router.get(
      '/api/admin/accounts',
      (ctx): { accounts: AdminAccount[] } => {
        admin(ctx);
        const q = ctx.url.searchParams.get('q') ?? '';
        if (q.length > 60) throw new HttpError(400, 'invalid_request', 'q: at most 60 characters.');
        return { accounts: service.list(q) };
      },
      { auth: true },
    );
    router.post(
      '/api/admin/accounts',
      async (ctx): Promise<AccountWithPassword> => {
        const actor = admin(ctx);
        const body = await ctx.body(AccountCreate);
        ctx.reply.code(201);
        return service.create(actor, body);
      },
      { auth: true },
    );
    router.put(
      '/api/admin/accounts/:username',
      async (ctx): Promise<AdminAccount> => {
        const actor = admin(ctx);
        return service.update(actor, ctx.params.username ?? '', await ctx.body(AccountUpdate));
      },
      { auth: true },
    );
    router.post(
      '/api/admin/accounts/:username/enabled',
      async (ctx): Promise<AdminAccount> => {
        const actor = admin(ctx);
        const { enabled } = await ctx.body(AccountEnabled);
        return service.setEnabled(actor, ctx.params.username ?? '', enabled);
      },
      { auth: true },
    );
    router.post(
      '/api/admin/accounts/:username/password',
      async (ctx): Promise<AccountWithPassword> => {
        const actor = admin(ctx);
        const username = ctx.params.username ?? '';
        const { password } = await ctx.body(PasswordReset);
        const problem = password ? passwordProblem(password, username) : null;
        if (problem) throw new HttpError(400, 'invalid_request', `password: ${problem}`);
        return service.resetPassword(actor, username, password);
      },
      { auth: true },
    );

    router.get('/api/signup', () => ({ enabled: signupOn() }));
    router.post('/api/signup', async (ctx): Promise<SignupResponse> => {
      if (!signupOn()) {
        throw new HttpError(403, 'signup_disabled', 'This service does not offer sign-up.');
      }
      const wait = signupLimit.take(ctx.request.ip);
      if (wait > 0) {
        throw new HttpError(429, 'too_many_signups', `Too many sign-ups. Try again in ${wait} s.`, {
          'Retry-After': String(wait),
        });
      }
      const body = await ctx.body(SignupRequest);
      const c = config();
      const account = service.signup(c.registration.templateUsername, body);
      ctx.reply.code(201);
      return { username: account.username, message: c.registration.successMessage };
    });
  };
}
