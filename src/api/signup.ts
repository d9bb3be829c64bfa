/**
 * Self sign-up's calls (issue 13, Register), apart from the accounts administration: the sign-in screen
 * asks `GET /api/signup` for every signed-out visitor, so this module and its schemas are zod/mini, and
 * the full account rules (`account-schemas.ts`, zod classic) load only when the visitor opens the form
 * (issue 10: not on a first visit's critical path).
 */
import { z } from 'zod/mini';
import type { Http } from './client';
import type { SignupRequest } from './account-schemas';

/** `GET /api/signup`. */
export const SignupStatus = z.object({ enabled: z.boolean() });

/** `POST /api/signup`'s answer. */
export const SignupResponse = z.object({ username: z.string(), message: z.string() });
export type SignupResponse = z.infer<typeof SignupResponse>;

export interface SignupApi {
  /** `GET /api/signup`: whether "Create account" is offered. */
  enabled(): Promise<boolean>;
  /** `POST /api/signup`: the operator's success message. */
  signup(input: SignupRequest): Promise<SignupResponse>;
}

export function signupApi(http: Http): SignupApi {
  return {
    enabled: async () => (await http.request('GET', '/api/signup', SignupStatus)).enabled,
    signup: (input) => http.request('POST', '/api/signup', SignupResponse, { body: input }),
  };
}
