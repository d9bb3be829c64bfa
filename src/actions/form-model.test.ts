import { describe, expect, it } from 'vitest';
import {
  applyFormData,
  applyFormSchema,
  applyPatch,
  normalizeForm,
  validateField,
  validateForm,
} from './form-model';

const base = {
  id: 'f',
  name: 'Feedback',
  fields: [
    { type: 'text', name: 'name', label: 'Name', required: true, width: 6 },
    { type: 'email', name: 'email', label: 'E-mail', validation: 'email' },
    {
      type: 'select',
      name: 'outcome',
      label: 'Outcome',
      required: true,
      options: ['Yes', { label: 'No!', value: 'No' }],
    },
    { type: 'checkbox', name: 'ok', label: 'Agree' },
    { type: 'multiline', name: 'notes' },
    { type: 'hidden', name: 'src', defaultValue: 'dialer' },
  ],
};

function form() {
  const r = normalizeForm(base);
  if (!r.ok) throw new Error(r.error);
  return r.form;
}

describe('forms from server schemas', () => {
  it('normalises fields with defaults and initial values', () => {
    const f = form();
    expect(f.fields.map((x) => [x.name, x.type, x.width])).toEqual([
      ['name', 'text', 6],
      ['email', 'email', 12],
      ['outcome', 'select', 12],
      ['ok', 'checkbox', 12],
      ['notes', 'textarea', 12],
      ['src', 'hidden', 12],
    ]);
    expect(f.values).toEqual({ name: '', email: '', outcome: '', ok: false, notes: '', src: 'dialer' });
    expect(f.fields[2]!.options).toEqual([
      { label: 'Yes', value: 'Yes' },
      { label: 'No!', value: 'No' },
    ]);
    expect(f.submitLabel).toBeNull();
  });

  it('keeps the operator’s submit label, trimmed; a blank one is no label (the app words its own)', () => {
    const label = (submit_label: unknown) => {
      const r = normalizeForm({ id: 'x', submit_label });
      return r.ok ? r.form.submitLabel : 'refused';
    };
    expect(label('  Save and next ')).toBe('Save and next');
    expect(label('   ')).toBeNull();
    expect(label(42)).toBeNull();
  });

  it('drops unusable fields and reports them; refuses a form without id', () => {
    const r = normalizeForm({
      id: 'x',
      fields: [null, { name: '' }, { name: 'ok' }, { name: 'ok' }, { name: 'z', type: 'rocket' }],
    });
    expect(r.ok && r.form.fields.map((f) => f.name)).toEqual(['ok', 'z']);
    expect(r.ok && r.problems).toHaveLength(4);
    expect(normalizeForm({ fields: [] })).toEqual({ ok: false, error: 'The form has no id.' });
    expect(normalizeForm('<form>')).toEqual({ ok: false, error: 'The form is not an object.' });
  });

  it('formSchema patches existing fields by name and appends new ones', () => {
    const { form: f, problems } = applyFormSchema(form(), [
      { name: 'email', required: true, label: 'Work e-mail' },
      { name: 'name', defaultValue: 'Ada', disabled: true },
      { name: 'budget', type: 'number', label: 'Budget', required: true, width: 4 },
      { label: 'no name' },
    ]);
    const email = f.fields.find((x) => x.name === 'email')!;
    expect(email).toMatchObject({ required: true, label: 'Work e-mail', type: 'email', validation: 'email' });
    expect(f.fields.find((x) => x.name === 'name')).toMatchObject({ disabled: true, defaultValue: 'Ada' });
    expect(f.values.name).toBe('Ada');
    expect(f.fields.at(-1)).toMatchObject({ name: 'budget', type: 'number', required: true, width: 4 });
    expect(f.values.budget).toBe('');
    expect(problems).toEqual(['formSchema entry 4 has no usable name: ignored.']);
    expect(f.fields.filter((x) => x.name === 'email')).toHaveLength(1);
  });

  it('formData prefills scalars only, coerces checkboxes, keeps unknown names', () => {
    const { form: f, problems } = applyFormData(form(), {
      name: 'Ben',
      ok: 'true',
      outcome: 'Yes',
      extra: 42,
      nested: { a: 1 },
      list: [1],
    });
    expect(f.values).toMatchObject({ name: 'Ben', ok: true, outcome: 'Yes', extra: 42 });
    expect(problems).toHaveLength(2);
    const proto = applyFormData(
      form(),
      JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, unknown>,
    );
    expect(proto.problems).toHaveLength(2);
    expect(Object.getPrototypeOf(proto.form.values)).toBe(Object.prototype);
  });

  it('applyPatch does schema first, then data', () => {
    const { form: f } = applyPatch(form(), {
      formSchema: [{ name: 'phone', type: 'tel', validation: 'phone' }],
      formData: { phone: '1002' },
    });
    expect(f.values.phone).toBe('1002');
  });

  it('validates required, named rules, select options and regex', () => {
    const f = form();
    expect(validateForm(f)).toEqual({ name: 'Name is required.', outcome: 'Outcome is required.' });
    const values = { ...f.values, name: 'Ada', outcome: 'Maybe', email: 'nope' };
    expect(validateForm(f, values)).toEqual({
      email: 'Enter an e-mail address such as name@example.com.',
      outcome: 'Choose one of the options.',
    });
    const field = { ...f.fields[0]!, regex: '\\d{4}', regexMessage: 'Four digits.' };
    expect(validateField(field, '12a4')).toBe('Four digits.');
    expect(validateField(field, '1234')).toBeNull();
    expect(validateField({ ...field, regex: '([' }, 'x')).toBeNull(); // a broken regex is ignored
    expect(validateField({ ...field, disabled: true, required: true }, '')).toBeNull();
    expect(validateField({ ...f.fields[3]!, required: true }, false)).toBe('Tick “Agree”.');
    expect(validateField({ ...f.fields[0]!, required: false, validation: 'digits' }, '12x')).toBe(
      'Enter digits only.',
    );
  });

  it('validates a list that takes several options: fewest, most, required and unknown values', () => {
    const r = normalizeForm({
      id: 'm',
      fields: [
        { type: 'html', name: 'intro', html: '<p>Read this first.</p>', required: true },
        {
          type: 'select',
          name: 'topics',
          label: 'Topics',
          multiple: true,
          min_select: 2,
          max_select: 3,
          options: ['a', 'b', 'c', 'd'],
        },
      ],
    });
    if (!r.ok) throw new Error(r.error);
    const [intro, topics] = r.form.fields;
    expect(intro).toMatchObject({ type: 'html', html: '<p>Read this first.</p>' });
    expect(r.form.values).toEqual({ topics: [] });
    expect(validateForm(r.form)).toEqual({}); // not required: nothing chosen is fine; html has no value
    expect(validateField(topics!, ['a'])).toBe('Choose at least 2 options.');
    expect(validateField(topics!, ['a', 'b'])).toBeNull();
    expect(validateField(topics!, ['a', 'b', 'c'])).toBeNull();
    expect(validateField(topics!, ['a', 'b', 'c', 'd'])).toBe('Choose at most 3 options.');
    expect(validateField(topics!, ['a', 'zzz'])).toBe('Choose one of the options.');
    expect(validateField({ ...topics!, required: true, minSelect: null }, [])).toBe(
      'Choose at least 1 option.',
    );
    expect(validateField({ ...topics!, minSelect: null, maxSelect: 1 }, ['a', 'b'])).toBe(
      'Choose at most 1 option.',
    );
    // A server script may prefill the choices.
    const { form: prefilled, problems } = applyFormData(r.form, { topics: ['b', 'c'], bad: [1, 2] });
    expect(prefilled.values.topics).toEqual(['b', 'c']);
    expect(problems).toHaveLength(1);
  });
});
