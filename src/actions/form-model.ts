/**
 * Forms as the runner and the UI see them: server JSON normalised defensively into a
 * {@link FormModel}, `formSchema` patches (change fields by `name`, append new ones), `formData`
 * prefill, and validation (required, regex, named rules). Pure functions; never throws.
 */
import { AGENT_FIELD_TYPES, type AgentFieldType } from '../api/agent-field-types';
import { wording } from './wording';
import type { AgentFieldValue } from '../api/schemas';

export interface FieldOption {
  label: string;
  value: string;
}

export interface FieldModel {
  type: AgentFieldType;
  name: string;
  label: string;
  placeholder: string;
  required: boolean;
  disabled: boolean;
  hidden: boolean;
  multiline: boolean;
  defaultValue: AgentFieldValue;
  validation: string | null;
  regex: string | null;
  regexMessage: string | null;
  width: number;
  collapse: boolean;
  options: FieldOption[];
  /** A `select` where several options may be chosen (the value is a list of option values). */
  multiple: boolean;
  /** A multiple select: fewest and most options chosen (null: no limit). */
  minSelect: number | null;
  maxSelect: number | null;
  /** An `html` field's content, sanitised by the view ('' for other fields). */
  html: string;
}

export interface FormModel {
  id: string;
  name: string;
  description: string;
  fields: FieldModel[];
  values: Record<string, AgentFieldValue>;
  /** The operator's wording for the submit button; null: the app's own "Submit", in the user's language. */
  submitLabel: string | null;
  /** Custom page HTML (sanitised by the view), or null for a plain form. */
  html: string | null;
  collapse: boolean;
}

/** Instructions from a server script for the form being opened (or the open one). */
export interface FormPatch {
  formSchema: unknown[];
  formData: Record<string, unknown>;
}

export const EMPTY_PATCH: FormPatch = { formSchema: [], formData: {} };
export const isEmptyPatch = (p: FormPatch) =>
  p.formSchema.length === 0 && Object.keys(p.formData).length === 0;

const MAX_FIELDS = 100;
const MAX_TEXT = 10_000;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
/** Field names are plain identifiers, never prototype keys. */
const FIELD_NAME = { test: (name: string) => NAME_PATTERN.test(name) && !RESERVED.has(name) };
type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 500): string | undefined =>
  typeof v === 'string' ? v.slice(0, max) : undefined;
const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' || v === 1 ? true : v === 'false' || v === 0 ? false : undefined;

const MAX_CHOSEN = 200;

/** A form value (a scalar, or a multi-select's list of strings), or undefined when the server sent something else. */
function toFieldValue(v: unknown): AgentFieldValue | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    if (v.length > MAX_CHOSEN || !v.every((x) => typeof x === 'string')) return undefined;
    return v.map((x: string) => x.slice(0, 500));
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return v.slice(0, MAX_TEXT);
  return undefined;
}

function fieldType(v: unknown): AgentFieldType | undefined {
  const t = typeof v === 'string' ? v.toLowerCase() : undefined;
  if (t === 'multiline') return 'textarea';
  if (t === 'phone') return 'tel';
  return (AGENT_FIELD_TYPES as readonly string[]).includes(t ?? '') ? (t as AgentFieldType) : undefined;
}

function options(v: unknown): FieldOption[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.slice(0, 200).flatMap((o): FieldOption[] => {
    if (typeof o === 'string' || typeof o === 'number') return [{ label: String(o), value: String(o) }];
    if (isRecord(o) && (typeof o.value === 'string' || typeof o.value === 'number')) {
      return [{ label: str(o.label) ?? String(o.value), value: String(o.value) }];
    }
    return [];
  });
}

/** Overlays the known keys of `raw` onto `base` (a formSchema entry or a full definition). */
function overlay(base: FieldModel, raw: Json): FieldModel {
  const next = { ...base };
  const type = fieldType(raw.type);
  if (type) next.type = type;
  const label = str(raw.label);
  if (label !== undefined) next.label = label;
  const placeholder = str(raw.placeholder);
  if (placeholder !== undefined) next.placeholder = placeholder;
  for (const key of ['required', 'disabled', 'hidden', 'multiline', 'collapse', 'multiple'] as const) {
    const b = bool(raw[key]);
    if (b !== undefined) next[key] = b;
  }
  if ('defaultValue' in raw) {
    const v = toFieldValue(raw.defaultValue);
    if (v !== undefined) next.defaultValue = v;
  }
  const validation = str(raw.validation, 32);
  if (validation !== undefined) next.validation = validation.toLowerCase() || null;
  const regex = str(raw.regex, 500);
  if (regex !== undefined) next.regex = regex || null;
  const regexMessage = str(raw.regexMessage);
  if (regexMessage !== undefined) next.regexMessage = regexMessage;
  if (typeof raw.width === 'number' && Number.isFinite(raw.width)) {
    next.width = Math.min(12, Math.max(1, Math.round(raw.width)));
  }
  const opts = options(raw.options);
  if (opts) next.options = opts;
  for (const [key, prop] of [
    ['min_select', 'minSelect'],
    ['max_select', 'maxSelect'],
  ] as const) {
    const n = raw[key];
    if (n === null) next[prop] = null;
    else if (typeof n === 'number' && Number.isFinite(n))
      next[prop] = Math.min(MAX_CHOSEN, Math.max(0, Math.round(n)));
  }
  const html = str(raw.html, 20_000);
  if (html !== undefined) next.html = html;
  if (next.multiline && next.type === 'text') next.type = 'textarea';
  return next;
}

/** Every field but static `html` text has a value that is submitted. */
const hasValue = (field: FieldModel) => field.type !== 'html';

function newField(name: string, raw: Json): FieldModel {
  return overlay(
    {
      type: 'text',
      name,
      label: name,
      placeholder: '',
      required: false,
      disabled: false,
      hidden: false,
      multiline: false,
      defaultValue: null,
      validation: null,
      regex: null,
      regexMessage: null,
      width: 12,
      collapse: false,
      options: [],
      multiple: false,
      minSelect: null,
      maxSelect: null,
      html: '',
    },
    raw,
  );
}

function initialValue(field: FieldModel): AgentFieldValue {
  if (field.type === 'html') return null;
  if (field.defaultValue !== null && !(field.type === 'select' && field.multiple)) return field.defaultValue;
  if (field.type === 'checkbox') return false;
  if (field.type === 'select' && field.multiple) {
    const chosen = typeof field.defaultValue === 'string' && field.defaultValue ? [field.defaultValue] : [];
    return Array.isArray(field.defaultValue) ? field.defaultValue : chosen;
  }
  if (field.type === 'select') return field.required ? '' : (field.options[0]?.value ?? '');
  return '';
}

export type FormResult = { ok: true; form: FormModel; problems: string[] } | { ok: false; error: string };

/** Server JSON → FormModel. Bad fields are dropped (and reported), a bad form is an error. */
export function normalizeForm(raw: unknown): FormResult {
  if (!isRecord(raw)) return { ok: false, error: 'The form is not an object.' };
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '';
  if (!id) return { ok: false, error: 'The form has no id.' };
  const problems: string[] = [];
  const fields: FieldModel[] = [];
  const rawFields = Array.isArray(raw.fields) ? raw.fields : [];
  for (const [i, f] of rawFields.slice(0, MAX_FIELDS).entries()) {
    const name = isRecord(f) ? str(f.name, 64) : undefined;
    if (!isRecord(f) || !name || !FIELD_NAME.test(name)) {
      problems.push(`Field ${i + 1} has no usable name: skipped.`);
      continue;
    }
    if (fields.some((x) => x.name === name)) {
      problems.push(`Field "${name}" appears twice: the first wins.`);
      continue;
    }
    if (f.type !== undefined && !fieldType(f.type))
      problems.push(`Field "${name}" has unknown type: shown as text.`);
    fields.push(newField(name, f));
  }
  const form: FormModel = {
    id,
    name: str(raw.name) ?? id,
    description: str(raw.description, 2000) ?? '',
    fields,
    values: Object.fromEntries(fields.filter(hasValue).map((f) => [f.name, initialValue(f)])),
    submitLabel: str(raw.submit_label, 60)?.trim() || null,
    html: str(raw.html, 200_000) ?? null,
    collapse: bool(raw.collapse) ?? false,
  };
  return { ok: true, form, problems };
}

/** `formSchema`: change existing fields by name, append new ones. */
export function applyFormSchema(
  form: FormModel,
  patches: readonly unknown[],
): { form: FormModel; problems: string[] } {
  const problems: string[] = [];
  let fields = [...form.fields];
  const values = { ...form.values };
  for (const [i, p] of patches.slice(0, MAX_FIELDS).entries()) {
    const name = isRecord(p) ? str(p.name, 64) : undefined;
    if (!isRecord(p) || !name || !FIELD_NAME.test(name)) {
      problems.push(`formSchema entry ${i + 1} has no usable name: ignored.`);
      continue;
    }
    const index = fields.findIndex((f) => f.name === name);
    if (index >= 0) {
      const changed = overlay(fields[index]!, p);
      fields = fields.map((f, j) => (j === index ? changed : f));
      if ('defaultValue' in p && toFieldValue(p.defaultValue) !== undefined)
        values[name] = changed.defaultValue;
    } else if (fields.length >= MAX_FIELDS) {
      problems.push(`Too many fields: "${name}" not added.`);
    } else {
      const added = newField(name, p);
      fields.push(added);
      if (hasValue(added)) values[name] = values[name] ?? initialValue(added);
    }
  }
  return { form: { ...form, fields, values }, problems };
}

/** `formData`: prefill values (scalars only); names without a field are kept and submitted. */
export function applyFormData(
  form: FormModel,
  data: Readonly<Record<string, unknown>>,
): { form: FormModel; problems: string[] } {
  const problems: string[] = [];
  const values = { ...form.values };
  for (const [name, raw] of Object.entries(data).slice(0, MAX_FIELDS)) {
    const value = toFieldValue(raw);
    if (!FIELD_NAME.test(name) || value === undefined) {
      problems.push(`formData "${name.slice(0, 40)}" is not a plain value: ignored.`);
      continue;
    }
    const field = form.fields.find((f) => f.name === name);
    values[name] = field?.type === 'checkbox' ? bool(value) === true : value;
  }
  return { form: { ...form, values }, problems };
}

export function applyPatch(form: FormModel, patch: FormPatch): { form: FormModel; problems: string[] } {
  const a = applyFormSchema(form, patch.formSchema);
  const b = applyFormData(a.form, patch.formData);
  return { form: b.form, problems: [...a.problems, ...b.problems] };
}

type Sentence = 'email' | 'phone' | 'number' | 'digits' | 'url';
const NAMED: Record<string, { test: RegExp; message: Sentence }> = {
  email: { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'email' },
  phone: { test: /^\+?[\d\s().*#-]{2,32}$/, message: 'phone' },
  tel: { test: /^\+?[\d\s().*#-]{2,32}$/, message: 'phone' },
  number: { test: /^-?\d+(?:[.,]\d+)?$/, message: 'number' },
  numeric: { test: /^-?\d+(?:[.,]\d+)?$/, message: 'number' },
  digits: { test: /^\d+$/, message: 'digits' },
  url: { test: /^https?:\/\/[^\s]+$/i, message: 'url' },
};

function compile(regex: string): RegExp | null {
  try {
    return new RegExp(`^(?:${regex})$`, 'u');
  } catch {
    return null;
  }
}

/** The error message for one field's value, or null when it is valid (hidden fields pass). */
export function validateField(field: FieldModel, value: AgentFieldValue | undefined): string | null {
  if (field.hidden || field.type === 'hidden' || field.type === 'html' || field.disabled) return null;
  if (field.type === 'select' && field.multiple) return validateChoices(field, value);
  const text = value === null || value === undefined || value === false ? '' : String(value).trim();
  if (field.required && (text === '' || (field.type === 'checkbox' && value !== true))) {
    return field.type === 'checkbox' ? wording().tick(field.label) : wording().required(field.label);
  }
  if (text === '' || field.type === 'checkbox') return null;
  const named =
    (field.validation && NAMED[field.validation]) ||
    (field.type === 'email' ? NAMED.email : field.type === 'number' ? NAMED.number : undefined);
  if (named && !named.test.test(text)) return wording()[named.message]();
  if (field.type === 'select' && field.options.length && !field.options.some((o) => o.value === text)) {
    return wording().chooseOption();
  }
  if (field.regex) {
    const re = compile(field.regex);
    if (re && !re.test(text.slice(0, 1000))) return field.regexMessage || wording().badFormat(field.label);
  }
  return null;
}

/** A multiple select: required, the fewest and most choices, every choice one of the options. */
function validateChoices(field: FieldModel, value: AgentFieldValue | undefined): string | null {
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
  if (chosen.length === 0)
    return field.required ? wording().chooseAtLeast(Math.max(1, field.minSelect ?? 0)) : null;
  if (field.minSelect !== null && chosen.length < field.minSelect) {
    return wording().chooseAtLeast(field.minSelect);
  }
  if (field.maxSelect !== null && chosen.length > field.maxSelect) {
    return wording().chooseAtMost(field.maxSelect);
  }
  if (chosen.some((c) => !field.options.some((o) => o.value === c))) return wording().chooseOption();
  return null;
}

export function validateForm(form: FormModel, values = form.values): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const error = validateField(field, values[field.name]);
    if (error) errors[field.name] = error;
  }
  return errors;
}
