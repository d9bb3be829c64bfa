import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG } from '../../src/api/webphone-schemas';
import { loginRefusal } from './login-policy';
import { RateWindow } from './rate-window';
import { signupRole } from './accounts-service';
import { generatePassword } from './passwords';
import { passwordProblem } from '../../src/api/account-schemas';

const restricted = (allowedCompanies: string[]) => ({
  flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, restrictLogin: true },
  allowedCompanies,
});
const open = { flags: DEFAULT_WEBPHONE_CONFIG.flags, allowedCompanies: ['Acme'] };

describe('loginRefusal', () => {
  it('refuses a disabled account whatever the configuration, admins included', () => {
    for (const role of ['admin', 'agent', 'user'] as const) {
      expect(loginRefusal({ role, company: 'Acme', disabledAt: 1 }, open)?.code).toBe('account_disabled');
    }
  });

  it('lets everyone in while Restrict Customer Login is off', () => {
    expect(loginRefusal({ role: 'user', company: null, disabledAt: null }, open)).toBeNull();
  });

  it('matches companies trimmed and in any case; names the refused company', () => {
    const config = restricted([' acme ', 'Globex']);
    expect(loginRefusal({ role: 'user', company: 'ACME', disabledAt: null }, config)).toBeNull();
    expect(loginRefusal({ role: 'agent', company: 'Initech', disabledAt: null }, config)).toEqual({
      code: 'company_not_allowed',
      message: 'Accounts of Initech cannot sign in here.',
    });
    expect(loginRefusal({ role: 'user', company: null, disabledAt: null }, config)?.message).toBe(
      'Accounts without a company cannot sign in here.',
    );
  });

  it('never locks an admin out by company', () => {
    expect(loginRefusal({ role: 'admin', company: null, disabledAt: null }, restricted(['Acme']))).toBeNull();
  });
});

describe('RateWindow', () => {
  it('caps per key and in total, and opens again in the next window', () => {
    let now = 0;
    const w = new RateWindow({ perKey: 2, total: 3, windowMs: 1000, now: () => now });
    expect([w.take('a'), w.take('a'), w.take('a')]).toEqual([0, 0, 1]);
    expect(w.take('b')).toBe(0);
    expect(w.take('c')).toBe(1); // total reached
    now = 1000;
    expect(w.take('a')).toBe(0);
  });
});

describe('sign-up role and generated passwords', () => {
  it('never makes an admin from a template', () => {
    expect([signupRole('admin'), signupRole('agent'), signupRole('user')]).toEqual(['user', 'agent', 'user']);
  });

  it('generates passwords the strength rule accepts, all different', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(seen.size).toBe(50);
    for (const p of seen) {
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
      expect(passwordProblem(p)).toBeNull();
    }
  });
});
