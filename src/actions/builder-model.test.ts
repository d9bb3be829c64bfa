import { describe, expect, it } from 'vitest';
import {
  buttonFromDraft,
  draftFromButton,
  draftFromForm,
  emptyButton,
  emptyForm,
  formFromDraft,
  moveField,
  newField,
  parseOptions,
  previewForm,
} from './builder-model';
import { fnProblem } from './builder-schemas';

describe('button drafts', () => {
  it('turn into the stored button: blanks become null, the sort order a number', () => {
    const checked = buttonFromDraft({
      ...emptyButton(),
      id: 'feedback',
      label: ' Feedback ',
      sortOrder: '15',
      fn: 'next',
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        id: 'feedback',
        label: 'Feedback',
        icon: null,
        tooltip: null,
        type: 'primary',
        placement: 'agent',
        sort_order: 15,
        fn: 'next',
        form_id: null,
        sandbox_id: null,
      },
    });
  });

  it('are refused field by field in the runner’s words', () => {
    const checked = buttonFromDraft({
      ...emptyButton(),
      id: 'Bad id',
      label: '',
      sortOrder: 'soon',
      fn: 'dance()',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['fn', 'id', 'label', 'sort_order']);
    expect(checked.errors.fn).toMatch(/^Unknown action "dance"\. Known: answerCall/);
    expect(checked.errors.sort_order).toBe('A whole number from 0 to 9999.');
  });

  it('needs something to do', () => {
    const checked = buttonFromDraft({ ...emptyButton(), id: 'idle', label: 'Idle' });
    expect(checked).toMatchObject({
      ok: false,
      errors: { fn: expect.stringMatching(/needs something to do/) },
    });
  });

  it('round-trips a stored button', () => {
    const draft = draftFromButton({
      id: 'x',
      label: 'X',
      type: 'weird',
      sort_order: 3,
      form_id: 'f',
      fn: null,
    });
    expect(draft).toMatchObject({ type: 'secondary', sortOrder: '3', formId: 'f', fn: '' });
  });
});

describe('fnProblem (the builder’s live check)', () => {
  it.each([
    ["openForm('Feedback Form')", null],
    ['makeCall(alt_phone)', null],
    ['redirect("https://example.com", true, _blank)', null],
    ['', 'fn is empty.'],
    ["openForm('x'", "Missing ')' at the end."],
    ['save(Maybe)', expect.stringMatching(/Yes|No|Unknown/)],
    ['toggleMic(1)', expect.stringMatching(/takes 0 parameters, got 1/)],
    ['x'.repeat(2001), expect.stringMatching(/longer than 2000/)],
  ])('%s', (fn, problem) => {
    expect(fnProblem(fn)).toEqual(problem);
  });
});

describe('form drafts', () => {
  const draft = () => ({
    ...emptyForm(),
    id: 'feedback',
    name: 'Feedback',
    fields: [
      { ...newField('text', 0), name: 'reason', label: 'Reason', required: true, width: '8' },
      { ...newField('select', 1), name: 'mood', label: 'Mood', width: '4', options: 'Happy\nCross=cross' },
    ],
  });

  it('turn into the stored form with options parsed', () => {
    const checked = formFromDraft(draft());
    expect(checked.ok && checked.value.fields).toEqual([
      { type: 'text', name: 'reason', label: 'Reason', required: true, width: 8 },
      {
        type: 'select',
        name: 'mood',
        label: 'Mood',
        width: 4,
        options: [
          { label: 'Happy', value: 'Happy' },
          { label: 'Cross', value: 'cross' },
        ],
      },
    ]);
  });

  it('refuse duplicate names, widths out of range, lists without options and bad patterns', () => {
    const d = draft();
    d.fields[1] = { ...d.fields[1]!, name: 'reason', width: '13', options: '' };
    d.fields.push({ ...newField('text', 2), name: 'code', label: 'Code', regex: '([' });
    const checked = formFromDraft(d);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      'fields.1.width': '1 to 12 columns.',
      'fields.1.options': 'A list needs at least one option.',
      'fields.2.regex': 'Not a valid regular expression.',
    });
    // The duplicate is reported once the field itself is otherwise valid.
    d.fields[1] = { ...d.fields[1]!, width: '4', options: 'A' };
    d.fields[2] = { ...d.fields[2]!, regex: '' };
    const again = formFromDraft(d);
    expect(again).toMatchObject({
      ok: false,
      errors: { 'fields.1.name': 'Another field is already named "reason".' },
    });
  });

  it('round-trip a stored form', () => {
    const checked = formFromDraft(draft());
    if (!checked.ok) throw new Error('draft should be valid');
    const back = draftFromForm(checked.value);
    expect(back.fields.map((f) => [f.type, f.name, f.label, f.width, f.required, f.options])).toEqual([
      ['text', 'reason', 'Reason', '8', true, ''],
      ['select', 'mood', 'Mood', '4', false, 'Happy\nCross=cross'],
    ]);
  });

  it('preview with the Agent tab’s model, even while a width is half typed', () => {
    const d = draft();
    d.fields[0] = { ...d.fields[0]!, width: '' };
    const model = previewForm(d);
    expect(model?.fields.map((f) => [f.name, f.width, f.required])).toEqual([
      ['reason', 12, true],
      ['mood', 4, false],
    ]);
    expect(model?.submitLabel).toBeNull();
  });
});

describe('moveField', () => {
  const fields = [newField('text', 0), newField('date', 1), newField('checkbox', 2)];
  it('moves up and down and stops at the ends', () => {
    expect(moveField(fields, 2, -1).map((f) => f.type)).toEqual(['text', 'checkbox', 'date']);
    expect(moveField(fields, 0, 1).map((f) => f.type)).toEqual(['date', 'text', 'checkbox']);
    expect(moveField(fields, 0, -1)).toEqual(fields);
    expect(moveField(fields, 2, 1)).toEqual(fields);
    expect(moveField(fields, 7, 1)).toEqual(fields);
  });
});

describe('parseOptions', () => {
  it('reads Label or Label=value per line, skipping blanks', () => {
    expect(parseOptions(' A \n\nB = b\n=x')).toEqual([
      { label: 'A', value: 'A' },
      { label: 'B', value: 'b' },
      { label: '', value: 'x' },
    ]);
  });
});

describe('text blocks and lists that take several options', () => {
  const draft = () => ({
    ...emptyForm(),
    id: 'topics',
    name: 'Topics',
    fields: [
      { ...newField('html', 0), name: 'intro', html: '<p>Ask about <b>every</b> topic.</p>' },
      {
        ...newField('select', 1),
        name: 'topics',
        label: 'Topics',
        multiple: true,
        minSelect: '2',
        maxSelect: '3',
        options: 'Billing\nSupport\nSales\nOther',
        // Left over from another type: not saved for a list.
        placeholder: 'x',
        regex: '\\d+',
      },
    ],
  });

  it('save only what each type uses: the text of a block, the limits of a list', () => {
    const checked = formFromDraft(draft());
    expect(checked.ok && checked.value.fields).toEqual([
      { type: 'html', name: 'intro', label: '', width: 12, html: '<p>Ask about <b>every</b> topic.</p>' },
      {
        type: 'select',
        name: 'topics',
        label: 'Topics',
        width: 12,
        options: ['Billing', 'Support', 'Sales', 'Other'].map((v) => ({ label: v, value: v })),
        multiple: true,
        min_select: 2,
        max_select: 3,
      },
    ]);
  });

  it('round-trip through the stored form and preview with the Agent tab’s model', () => {
    const checked = formFromDraft(draft());
    if (!checked.ok) throw new Error('draft should be valid');
    const back = draftFromForm(checked.value);
    expect(back.fields.map((f) => [f.type, f.multiple, f.minSelect, f.maxSelect, f.html])).toEqual([
      ['html', false, '', '', '<p>Ask about <b>every</b> topic.</p>'],
      ['select', true, '2', '3', ''],
    ]);
    const model = previewForm(back);
    expect(model?.fields.map((f) => [f.type, f.multiple, f.minSelect, f.maxSelect])).toEqual([
      ['html', false, null, null],
      ['select', true, 2, 3],
    ]);
    // A text block has no value to submit; a list of several starts with nothing chosen.
    expect(model?.values).toEqual({ topics: [] });
  });

  it('refuse an empty text block, limits that cannot be met and limits that are not numbers', () => {
    const d = draft();
    d.fields[0] = { ...d.fields[0]!, html: '  ', required: true };
    d.fields[1] = { ...d.fields[1]!, minSelect: '3', maxSelect: '2' };
    const checked = formFromDraft(d);
    expect(checked).toMatchObject({
      ok: false,
      errors: {
        'fields.0.html': 'Write the text to show.',
        'fields.1.min_select': 'The fewest choices cannot be more than the most.',
      },
    });
    d.fields[0] = { ...d.fields[0]!, html: '<p>Hi</p>' };
    d.fields[1] = { ...d.fields[1]!, minSelect: '5', maxSelect: 'lots' };
    expect(formFromDraft(d)).toMatchObject({
      ok: false,
      errors: { 'fields.1.max_select': 'A whole number from 1 to 100.' },
    });
    d.fields[1] = { ...d.fields[1]!, maxSelect: '' };
    expect(formFromDraft(d)).toMatchObject({
      ok: false,
      errors: { 'fields.1.min_select': 'Fewer options (4) than the fewest choices.' },
    });
    d.fields[1] = { ...d.fields[1]!, minSelect: '-1' };
    expect(formFromDraft(d)).toMatchObject({
      ok: false,
      errors: { 'fields.1.min_select': 'A whole number from 0 to 100.' },
    });
  });

  it('a field that is not a list of several keeps no limits; a label is needed except on a text block', () => {
    const d = draft();
    d.fields[1] = { ...d.fields[1]!, multiple: false };
    const single = formFromDraft(d);
    expect(single.ok && single.value.fields[1]).not.toHaveProperty('min_select');
    d.fields[1] = { ...d.fields[1]!, type: 'text', label: '' };
    expect(formFromDraft(d)).toMatchObject({
      ok: false,
      errors: { 'fields.1.label': 'A label is required.' },
    });
  });
});
