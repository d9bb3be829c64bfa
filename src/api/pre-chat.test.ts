import { describe, expect, it } from 'vitest';
import { DEFAULT_PRECHAT } from './join-widget-defaults';
import { PreChat, type PreChatField } from './join-widget-schemas';
import { checkPreChatAnswers } from './pre-chat';

const fields: PreChatField[] = [
  ...DEFAULT_PRECHAT.fields,
  { name: 'phone', label: 'Phone', type: 'tel', required: false },
  { name: 'product', label: 'Product', type: 'select', required: true, options: ['Router', 'Phone'] },
  { name: 'consent', label: 'I agree to be recorded', type: 'checkbox', required: true },
];
const good = {
  name: ' Chris ',
  email: 'chris@example.com',
  reason: 'Line one\nline two',
  product: 'Router',
  consent: true,
};

describe('checkPreChatAnswers', () => {
  it('answers the labelled values in the form’s order, trimmed, skipping empty optional ones', () => {
    expect(checkPreChatAnswers(fields, good)).toEqual({
      ok: true,
      answers: [
        { label: 'Name', value: 'Chris' },
        { label: 'E-mail', value: 'chris@example.com' },
        { label: 'Reason for the call', value: 'Line one\nline two' },
        { label: 'Product', value: 'Router' },
        { label: 'I agree to be recorded', value: 'Yes' },
      ],
    });
  });

  it('names the field and the problem for bad input', () => {
    const cases: Array<[Record<string, string | boolean>, string]> = [
      [{ ...good, name: '' }, 'name: Name is required.'],
      [{ ...good, email: 'chris@example' }, 'email: not an e-mail address.'],
      [{ ...good, email: 'a b@example.com' }, 'email: not an e-mail address.'],
      [{ ...good, phone: 'call me' }, 'phone: not a phone number.'],
      [{ ...good, product: 'Toaster' }, 'product: not one of the options.'],
      [{ ...good, consent: false }, 'consent: tick “I agree to be recorded”.'],
      [{ ...good, consent: 'yes' }, 'consent: true or false.'],
      [{ ...good, name: 'Chris\nEvil' }, 'name: one line only.'],
      [{ ...good, reason: 'x'.repeat(1001) }, 'reason: at most 1000 characters.'],
      [{ ...good, extra: 'x' }, 'extra: not a field of the pre-chat form.'],
    ];
    for (const [answers, problem] of cases) {
      expect(checkPreChatAnswers(fields, answers)).toEqual({ ok: false, problem });
    }
    // A prototype key is not a field either.
    expect(checkPreChatAnswers(fields, JSON.parse('{"__proto__": "x"}') as Record<string, string>)).toEqual({
      ok: false,
      problem: '__proto__: not a field of the pre-chat form.',
    });
  });
});

describe('PreChat schema', () => {
  it('accepts the default form and refuses bad field definitions with a sentence', () => {
    expect(PreChat.safeParse(DEFAULT_PRECHAT).success).toBe(true);
    const problem = (value: unknown) => {
      const r = PreChat.safeParse(value);
      return r.success ? null : r.error.issues[0]?.message;
    };
    const f = DEFAULT_PRECHAT.fields[0]!;
    expect(problem({ enabled: true, fields: [] })).toBe('A pre-chat form needs at least one field.');
    expect(problem({ enabled: true, fields: [f, f] })).toBe('A field name is used twice.');
    expect(problem({ enabled: true, fields: [{ ...f, name: 'Order Nr' }] })).toMatch(/lower-case letters/);
    expect(problem({ enabled: true, fields: [{ ...f, type: 'file' }] })).toMatch(
      /^A type the pre-chat form has/,
    );
    expect(problem({ enabled: true, fields: [{ ...f, type: 'select' }] })).toBe(
      'A select field needs its options.',
    );
    expect(problem({ enabled: true, fields: [{ ...f, label: ' ' }] })).toBe('Give the field a label.');
  });
});
