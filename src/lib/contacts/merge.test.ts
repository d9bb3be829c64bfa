import { describe, expect, it } from 'vitest';
import { mergePeople, type DirectoryRecord } from './merge';
import type { Contact } from './model';

const local = (id: string, name: string, phones: string[], sip = ''): Contact => ({
  id,
  name,
  organization: '',
  phones: phones.map((number) => ({ label: 'mobile', number })),
  sip,
  email: '',
  notes: '',
  favorite: false,
  channels: [],
  updatedAt: 1,
});
const dir = (id: string, name: string, phones: string[], sipUser: string | null = null): DirectoryRecord => ({
  id,
  name,
  organization: 'Openline',
  phones: phones.map((number) => ({ label: 'work', number })),
  sipUser,
  email: '',
  notes: '',
});

describe('mergePeople', () => {
  it('shows a person known to both once, under the local name, by E.164 or by SIP user', () => {
    const people = mergePeople(
      [local('a', 'Ada (mine)', ['+442079460123']), local('b', 'Boss', [], '1002@openline.local')],
      [
        dir('ext:1', 'Ada Lovelace', ['+442079460123']),
        dir('sip:1002', 'Ben Baker', ['1002'], '1002'),
        dir('sip:1003', 'Cleo Cole', ['1003'], '1003'),
      ],
    );
    expect(people.map((p) => [p.key, p.name, p.alsoInDirectory ?? false])).toEqual([
      ['dir:sip:1003', 'Cleo Cole', false],
      ['local:a', 'Ada (mine)', true],
      ['local:b', 'Boss', true],
    ]);
  });

  it('keeps directory entries read-only people with their SIP user', () => {
    const [cleo] = mergePeople([], [dir('sip:1003', 'Cleo Cole', ['1003'], '1003')]);
    expect(cleo).toMatchObject({ source: 'directory', sip: '1003', favorite: false });
  });
});
