import { describe, expect, it } from 'vitest';
import { numberSearchKeys, queryDigits } from './number-search';

const matches = (query: string, stored: string, region?: 'GB' | 'US') => {
  const digits = queryDigits(query);
  return digits !== null && numberSearchKeys(stored, region).some((key) => key.includes(digits));
};

describe('number search in any format', () => {
  it.each([
    ['020 7946', '+442079460123'],
    ['+44 20 7946', '+442079460123'],
    ['(020) 7946-0123', '+442079460123'],
    ['2079460', '+442079460123'],
    ['+44 20 7946 0123', '02079460123'],
    ['415 555', '+14155552671'],
    ['10 02', '1002'],
  ])('"%s" finds %s', (query, stored) => {
    expect(matches(query, stored, 'GB')).toBe(true);
  });

  it('does not find other numbers', () => {
    expect(matches('020 7946', '+14155552671', 'GB')).toBe(false);
    expect(matches('1003', '1002')).toBe(false);
  });

  it('a query with letters or a single digit is not a number query', () => {
    expect(queryDigits('Ada 2')).toBeNull();
    expect(queryDigits('7')).toBeNull();
    expect(queryDigits('sip:1002')).toBe('1002');
  });

  it('extensions are indexed by their digits only', () => {
    expect(numberSearchKeys('1002')).toEqual(['1002']);
    expect(numberSearchKeys('alice')).toEqual([]);
  });
});
