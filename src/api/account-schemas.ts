/**
 * Accounts administration and self sign-up (issue 13): the shapes and rules shared by the server (which
 * enforces them) and the app (which shows the same field errors before sending).
 */
import { z } from 'zod';
import { Role } from './webphone-schemas';

/**
 * A SIP user part that is also the sign-in name: 2–32 characters, letters, digits, `.`, `_`, `-`,
 * starting with a letter or digit. No `:` (ephemeral names are `<expiry>:<user>`), no `@`, no spaces.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'At least 2 characters.')
  .max(32, 'At most 32 characters.')
  .regex(
    USERNAME_PATTERN,
    'Letters, digits, ".", "_" or "-", starting with a letter or digit (it is the SIP user name).',
  );

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 128;

/** A few passwords that pass the length rule but every guesser tries first. */
const COMMON = ['password', '1234567890', '0123456789', 'qwertyuiop', 'iloveyou', 'letmein', 'openline'];

/** Why `password` is too weak for `username`, or null when it is acceptable. */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < MIN_PASSWORD) return `Too short: at least ${MIN_PASSWORD} characters.`;
  if (password.length > MAX_PASSWORD) return `Too long: at most ${MAX_PASSWORD} characters.`;
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return 'Too weak: it contains the username.';
  if (new Set(password).size < 4) return 'Too weak: use more different characters.';
  if (COMMON.some((c) => lower.includes(c))) return 'Too weak: it is a commonly guessed password.';
  return null;
}

export const Password = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'Give a display name.')
  .max(60, 'At most 60 characters.')
  .refine((s) => !/[<>"\p{Cc}]/u.test(s), 'No <, >, " or control characters.');

/** A company name, or null for none. */
export const Company = z
  .string()
  .trim()
  .max(60, 'At most 60 characters.')
  .refine((s) => !/\p{Cc}/u.test(s), 'No control characters.')
  .transform((s) => (s === '' ? null : s))
  .nullable();

/** `POST /api/admin/accounts`. Without `password` the server generates one and answers it once. */
export const AccountCreate = z
  .object({
    username: Username,
    displayName: DisplayName,
    role: Role,
    company: Company,
    password: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.password === undefined || value.password === '') return;
    const problem = passwordProblem(value.password, value.username);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type AccountCreate = z.input<typeof AccountCreate>;

/** `PUT /api/admin/accounts/:username`: the editable details. */
export const AccountUpdate = z.object({ displayName: DisplayName, role: Role, company: Company });
export type AccountUpdate = z.input<typeof AccountUpdate>;

/** `POST /api/admin/accounts/:username/password`: without `password` the server generates one. */
export const PasswordReset = z.object({ password: z.string().max(MAX_PASSWORD).optional() });

/** `POST /api/admin/accounts/:username/enabled`. */
export const AccountEnabled = z.object({ enabled: z.boolean() });

/** One account as admins see it (never a password or hash). */
export const AdminAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  company: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.int(),
  createdBy: z.string(),
});
export type AdminAccount = z.infer<typeof AdminAccount>;

export const AdminAccountList = z.object({ accounts: z.array(AdminAccount) });

/** An answer that carries a password to show once (created with a generated one, or reset). */
export const AccountWithPassword = z.object({ account: AdminAccount, password: z.string().optional() });
export type AccountWithPassword = z.infer<typeof AccountWithPassword>;

/** `GET /api/signup` and `POST /api/signup`'s answer live with the sign-up calls (zod/mini, issue 10). */
export { SignupStatus, SignupResponse } from './signup';

/** `POST /api/signup`. */
export const SignupRequest = z
  .object({ username: Username, displayName: DisplayName, password: z.string() })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value.username);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type SignupRequest = z.input<typeof SignupRequest>;

/** Field errors keyed by field name (the first problem of each). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}
