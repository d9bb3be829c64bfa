import { describe, expect, it } from 'vitest';
import {
  AccountCreate,
  Company,
  SignupRequest,
  Username,
  fieldErrors,
  passwordProblem,
} from './account-schemas';
import { DEFAULT_WEBPHONE_CONFIG, WebphoneConfig } from './webphone-schemas';

describe('account validators', () => {
  it('accepts SIP user names, lower-cased, and refuses the rest with a reason', () => {
    expect(Username.parse(' Dana.D ')).toBe('dana.d');
    expect(Username.parse('1004')).toBe('1004');
    for (const bad of ['a', '-dash', 'x:y', 'a b', 'a@b', 'é1', 'x'.repeat(33), '']) {
      expect(Username.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('says why a password is weak', () => {
    expect(passwordProblem('short')).toMatch(/^Too short/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/^Too long/);
    expect(passwordProblem('dana-is-great-1', 'dana')).toMatch(/contains the username/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/more different characters/);
    expect(passwordProblem('MyPassword99')).toMatch(/commonly guessed/);
    expect(passwordProblem('Quartz-river-42')).toBeNull();
  });

  it('turns an empty company into none and refuses control characters', () => {
    expect(Company.parse('  ')).toBeNull();
    expect(Company.parse(' Acme ')).toBe('Acme');
    expect(Company.parse(null)).toBeNull();
    expect(Company.safeParse('Ac\u0000me').success).toBe(false);
  });

  it('reports field errors by name for a create and a sign-up', () => {
    const create = AccountCreate.safeParse({
      username: 'ok-name',
      displayName: '<b>',
      role: 'owner',
      company: null,
      password: 'ok-name-and-more',
    });
    expect(create.success).toBe(false);
    if (!create.success) {
      expect(Object.keys(fieldErrors(create.error)).sort()).toEqual(['displayName', 'role']);
    }
    const signup = SignupRequest.safeParse({
      username: 'newbie',
      displayName: 'N',
      password: 'newbie-2024x',
    });
    expect(signup.success).toBe(false);
    if (!signup.success) expect(fieldErrors(signup.error).password).toMatch(/contains the username/);
  });
});

describe('webphone configuration: Register and Restrict Customer Login', () => {
  it('fills the new fields for a configuration saved before they existed', () => {
    const { registration, allowedCompanies, ...older } = DEFAULT_WEBPHONE_CONFIG;
    const { register, restrictLogin, ...flags } = older.flags;
    void registration;
    void allowedCompanies;
    void register;
    void restrictLogin;
    const parsed = WebphoneConfig.parse({ ...older, flags });
    expect(parsed.flags.register).toBe(false);
    expect(parsed.allowedCompanies).toEqual([]);
    expect(parsed.registration.templateUsername).toBe('');
  });

  it('needs a template for Register and a company for Restrict Customer Login', () => {
    const result = WebphoneConfig.safeParse({
      ...DEFAULT_WEBPHONE_CONFIG,
      flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, register: true, restrictLogin: true },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(Object.keys(fieldErrors(result.error)).sort()).toEqual([
        'allowedCompanies',
        'registration.templateUsername',
      ]);
    }
  });
});
