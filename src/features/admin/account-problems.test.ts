import { describe, expect, it } from 'vitest';
import { accountProblem } from './account-problems';

const refusal = (message: string, code: string | null) => Object.assign(new Error(message), { code });

describe('accountProblem', () => {
  it('gives a known refusal code its own sentence, naming the account', () => {
    expect(accountProblem(refusal('server words', 'last_admin'), 'dana')).toBe(
      'dana is the last administrator: make another account admin first.',
    );
    expect(accountProblem(refusal('server words', 'username_taken'), '1002')).toBe(
      'The username 1002 is taken: choose another.',
    );
    expect(accountProblem(refusal('x', 'self_disable'), '1001')).toBe('You cannot disable your own account.');
  });

  it('shows anything else as it was written', () => {
    expect(accountProblem(refusal('password: Too short', 'invalid_request'), 'dana')).toBe(
      'password: Too short',
    );
    expect(accountProblem(refusal('Cannot reach the server: offline', null), 'dana')).toBe(
      'Cannot reach the server: offline',
    );
    expect(accountProblem(new Error('plain'), 'dana')).toBe('plain');
    expect(accountProblem('a string', 'dana')).toBe('a string');
  });
});
