/**
 * Demo company seed, applied on every start so DEMO_PASSWORD / SIP_DOMAIN changes take effect.
 */
import type { AccountStore } from '../accounts';

export const DEMO_ACCOUNTS = [
  { username: '1001', displayName: 'Ada Agent' },
  { username: '1002', displayName: 'Ben Baker' },
  { username: '1003', displayName: 'Cleo Cole' },
] as const;

export function seedDemoAccounts(accounts: AccountStore, password: string): void {
  accounts.upsert(DEMO_ACCOUNTS.map((a) => ({ ...a, password })));
}
