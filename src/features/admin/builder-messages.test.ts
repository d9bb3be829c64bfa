import type { I18n, MessageDescriptor } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import { buttonFromDraft, emptyButton, emptyForm, formFromDraft, newField } from '../../stores/agent-builder';
import { builderErrors, builderMessage, serverMessage } from './builder-messages';

/** Marks what went through the catalog, with its values filled in, so a test sees what was translated. */
const marking = {
  _: (d: MessageDescriptor) =>
    `«${(d.message ?? d.id).replace(/\{(\w+)\}/g, (_, k: string) => String(d.values?.[k] ?? `{${k}}`))}»`,
} as unknown as I18n;

describe('builderMessage', () => {
  it('translates every message the button schema gives for bad input', () => {
    const bad = buttonFromDraft({
      ...emptyButton(),
      id: 'Bad Id',
      icon: 'Bad Icon',
      tooltip: 'x'.repeat(201),
      sortOrder: '10000',
      sandboxId: 'Bad Script',
    });
    if (bad.ok) throw new Error('a bad button passed');
    const translated = builderErrors(marking, bad.errors);
    expect(Object.keys(translated).length).toBeGreaterThanOrEqual(5);
    for (const text of Object.values(translated)) expect(text).toMatch(/^«.*»$/s);
    expect(translated.tooltip).toBe('«At most 200 characters.»');
  });

  it('translates every message the form schema gives for bad input', () => {
    const bad = formFromDraft({
      ...emptyForm(),
      id: '-bad',
      fields: [
        { ...newField('select', 0), name: '1x', width: '13', regex: '(' },
        { ...newField('text', 1), name: 'a', label: 'A' },
        { ...newField('text', 2), name: 'a', label: 'B' },
      ],
    });
    if (bad.ok) throw new Error('a bad form passed');
    const translated = builderErrors(marking, bad.errors);
    expect(Object.keys(translated).length).toBeGreaterThanOrEqual(4);
    for (const text of Object.values(translated)) expect(text).toMatch(/^«.*»$/s);
    expect(translated['fields.2.name']).toBe('«Another field is already named "a".»');
  });

  it('keeps the field prefix of a server refusal and translates the rest, values kept', () => {
    expect(serverMessage(marking, 'id: a button "survey-1" already exists.')).toBe(
      'id: «A button "survey-1" already exists.»',
    );
    expect(serverMessage(marking, 'The form "x" is opened by: a, b.')).toBe(
      '«The form "x" is opened by: a, b.»',
    );
  });

  it('shows a message it does not know as it came (no text is lost)', () => {
    expect(builderMessage(marking, 'Unknown action "foo" at column 1.')).toBe(
      'Unknown action "foo" at column 1.',
    );
    expect(builderMessage(marking, '')).toBe('');
  });
});
