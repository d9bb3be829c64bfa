/**
 * Demo company seed, applied on every start so DEMO_PASSWORD / SIP_DOMAIN changes take effect.
 */
import type { AccountStore } from '../accounts';

/** The demo accounts' company (Restrict Customer Login lists companies). */
export const DEMO_COMPANY = 'Openline Demo';

export const DEMO_ACCOUNTS = [
  { username: '1001', displayName: 'Ada Agent', role: 'admin', balanceMinor: 1250 },
  { username: '1002', displayName: 'Ben Baker', role: 'agent', balanceMinor: 420 },
  { username: '1003', displayName: 'Cleo Cole', role: 'user', balanceMinor: 0 },
] as const;

export function seedDemoAccounts(accounts: AccountStore, password: string): void {
  accounts.upsert(DEMO_ACCOUNTS.map(({ username, displayName }) => ({ username, displayName, password })));
  // Roles and balances re-applied at every start too (issue 13): 1001 administers the demo webphone.
  accounts.setRoles(DEMO_ACCOUNTS);
  // Companies only where none is set, so an admin's change survives a restart.
  const unset = DEMO_ACCOUNTS.filter((a) => accounts.get(a.username)?.company === null);
  accounts.setCompanies(unset.map((a) => ({ username: a.username, company: DEMO_COMPANY })));
  for (const a of DEMO_ACCOUNTS) accounts.setBalance(a.username, a.balanceMinor, 'USD');
}
