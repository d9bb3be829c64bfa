import { describe, expect, it } from 'vitest';
import type { Person } from './model';
import { formatNumber, parseContactNumber } from './numbers';
import { ContactIndex } from './search-index';

function person(key: string, name: string, numbers: string[], extra: Partial<Person> = {}): Person {
  return {
    key,
    source: 'local',
    id: key,
    name,
    organization: '',
    phones: numbers.map((number) => ({ label: 'work', number })),
    sip: '',
    email: '',
    notes: '',
    favorite: false,
    channels: [],
    ...extra,
  };
}

const ada = person('local:ada', 'Ada Lovelace', ['+442079460123'], { organization: 'Analytical Engines' });
const ben = person('local:ben', 'Ben Müller', ['+14155552671', '1002'], { favorite: true });
const cleo = person('dir:cleo', 'Cleo Cole', ['+442079469999'], { source: 'directory', sip: '1003' });

describe('contact numbers', () => {
  it('stores what people type in E.164, whatever the format', () => {
    for (const typed of [
      '020 7946 0123',
      '(020) 7946-0123',
      '+44 20 7946 0123',
      '0044 20 7946 0123',
      'tel:+442079460123',
    ]) {
      expect(parseContactNumber(typed, 'GB'), typed).toEqual({ ok: true, value: '+442079460123' });
    }
    expect(parseContactNumber('1002', 'GB')).toEqual({ ok: true, value: '1002' });
    expect(parseContactNumber('415 555 2671', 'US')).toEqual({ ok: true, value: '+14155552671' });
  });

  it('refuses what is not a number with a sentence saying so', () => {
    expect(parseContactNumber('ada@example.com', 'GB')).toEqual({
      ok: false,
      error: 'That is a SIP address: put it in the SIP address field.',
    });
    expect(parseContactNumber('call me', 'GB')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a phone number'),
    });
    expect(parseContactNumber('020 7946', undefined)).toMatchObject({ ok: false });
  });

  it('shows numbers in the national format at home and international abroad', () => {
    expect(formatNumber('+442079460123', 'GB')).toBe('020 7946 0123');
    expect(formatNumber('+442079460123', 'US')).toBe('+44 20 7946 0123');
    expect(formatNumber('+14155552671', 'US')).toBe('(415) 555-2671');
    expect(formatNumber('1002', 'GB')).toBe('1002');
  });
});

describe('contact index', () => {
  const index = new ContactIndex([ada, ben, cleo]);
  const keys = (q: string) => index.search(q).map((p) => p.key);

  it('finds a number by any run of digits in any format', () => {
    for (const q of [
      '020 7946',
      '+44 20 7946 0123',
      '0044 2079 460123',
      '7946 0123',
      '2079460123',
      '(020) 7946-0123',
    ]) {
      expect(keys(q), q).toContain('local:ada');
    }
    expect(keys('020 7946')).toEqual(['local:ada', 'dir:cleo']);
    expect(keys('415-555')).toEqual(['local:ben']);
    expect(keys('1002')).toEqual(['local:ben']);
    expect(keys('999 999 999')).toEqual([]);
  });

  it('shows before the number keys are built; a number search before they are done builds them first', () => {
    const fresh = new ContactIndex([ada, ben, cleo]);
    expect(fresh.all().map((p) => p.name)).toEqual(['Ben Müller', 'Ada Lovelace', 'Cleo Cole']);
    expect(fresh.search('020 7946 0123').map((p) => p.key)).toEqual(['local:ada']);
    expect(fresh.prepareDigits(1)).toBe(true); // the search finished them

    const batched = new ContactIndex([ada, ben, cleo]);
    expect(batched.prepareDigits(2)).toBe(false);
    expect(batched.prepareDigits(2)).toBe(true);
    expect(batched.search('07946 9999').map((p) => p.key)).toEqual(['dir:cleo']);
    expect(batched.search('Ben 2671').map((p) => p.key)).toEqual(['local:ben']);
  });

  it('finds any part of a name, organisation or SIP user, ignoring case and accents', () => {
    expect(keys('love')).toEqual(['local:ada']);
    expect(keys('muller')).toEqual(['local:ben']);
    expect(keys('ada ANALYTICAL')).toEqual(['local:ada']);
    expect(keys('ada cole')).toEqual([]);
  });

  it('lists favourites first, then by name, and keeps that order through changes', () => {
    expect(index.all().map((p) => p.key)).toEqual(['local:ben', 'local:ada', 'dir:cleo']);
    const changing = new ContactIndex([ada, ben, cleo]);
    changing.upsert({ ...cleo, favorite: true });
    changing.upsert(person('local:aaron', 'Aaron Abbot', ['+442079460001']));
    changing.remove('local:ben');
    expect(changing.all().map((p) => p.key)).toEqual(['dir:cleo', 'local:aaron', 'local:ada']);
    expect(changing.lookup('1002')).toBeUndefined();
    expect(changing.search('020 7946 0001').map((p) => p.key)).toEqual(['local:aaron']);
  });

  it('looks callers up by number in any form or by SIP user, local contacts first', () => {
    expect(index.lookup('sip:+442079460123@openline.local', 'GB')?.key).toBe('local:ada');
    expect(index.lookup('02079460123', 'GB')?.key).toBe('local:ada');
    expect(index.lookup('1003')?.key).toBe('dir:cleo');
    const both = new ContactIndex([
      { ...cleo, name: 'Directory Cleo' },
      { ...cleo, key: 'local:c', source: 'local', name: 'My Cleo' },
    ]);
    expect(both.lookup('1003')?.name).toBe('My Cleo');
    expect(index.lookup('+15550000000')).toBeUndefined();
  });

  it('finds one number among 10,000 contacts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      person(`local:${i}`, `Person ${i}`, [
        `+4420794${String(60000 + (i % 1000)).padStart(5, '0')}`,
        `+1415555${String(i).padStart(4, '0')}`,
      ]),
    );
    const big = new ContactIndex(many);
    expect(big.search('(415) 555-1234').map((p) => p.key)).toEqual(['local:1234']);
    expect(big.search('Person 9999').map((p) => p.key)).toEqual(['local:9999']);
  });
});
