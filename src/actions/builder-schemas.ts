/**
 * Issue 13's button and form builders: what an admin may save as an Agent-tab button or form
 * (`/api/admin/agent/*`, ADR 0022). Built on the runner's own wire schemas (`AgentButton`,
 * `AgentFormField` in ./schemas) and its own `fn` parser and action registry, so a definition the
 * builder accepts is one the Agent tab can run, and one it refuses is refused with the runner's words.
 * Shared by the app (live errors in Admin) and the server (the check that counts). No DOM, no Node.
 */
import { z } from 'zod';
import { extend } from 'zod/mini';
import { parseFnString } from './fn-parser';
import { defaultRegistry } from './registry';
import { AGENT_FIELD_TYPES, AgentButton, AgentForm, AgentFormField } from '../api/schemas';

/** Ids of built buttons and forms: short, lower-case, URL-safe. */
export const DEFINITION_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const idSchema = z
  .string()
  .regex(DEFINITION_ID, 'Use 1–40 of a–z, 0–9, "-" and "_", starting with a letter or digit.');

/** The colour roles the Agent tab draws buttons in (src/features/agent/workspace/ServerButtons.tsx). */
export const BUTTON_TYPES = ['primary', 'secondary', 'success', 'danger', 'warning', 'info'] as const;
/** Where the Agent tab shows server buttons; it asks only for `agent`. */
export const BUTTON_PLACEMENTS = ['agent'] as const;
/** Named validation rules the form model knows (src/actions/form-model.ts). */
export const FIELD_VALIDATIONS = ['email', 'phone', 'number', 'digits', 'url'] as const;

export const MAX_BUTTONS = 100;
export const MAX_FORMS = 100;
export const MAX_FIELDS = 40;
export const MAX_OPTIONS = 100;
/** The longest text of an `html` field. */
export const MAX_FIELD_HTML = 20_000;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * Why an `fn` string cannot run, in the runner's words (parse error with its column, unknown action,
 * wrong number or kind of parameters), or null when it can.
 */
export function fnProblem(fn: string): string | null {
  const parsed = parseFnString(fn);
  if (!parsed.ok) return parsed.error;
  const bound = defaultRegistry().bind(parsed.call);
  return bound.ok ? null : bound.error;
}

/** The form an `fn` opens (`openForm('Name')`), so the server can check it exists; null otherwise. */
export function fnFormReference(fn: string): string | null {
  const parsed = parseFnString(fn);
  if (!parsed.ok || parsed.call.name.toLowerCase() !== 'openform') return null;
  return parsed.call.args[0] ?? null;
}

/** A button as the builder saves it (`POST /api/admin/agent/buttons`, `PUT …/:id`). */
export const BuiltButton = z
  .object({
    id: idSchema,
    label: text(40).min(1, 'A label is required.'),
    icon: optionalText(40).refine((v) => v === null || /^[a-z0-9_-]+$/.test(v), {
      message: 'An icon name is lower-case letters, digits, "-" or "_".',
    }),
    tooltip: optionalText(200),
    type: z.enum(BUTTON_TYPES),
    placement: z.enum(BUTTON_PLACEMENTS),
    sort_order: z
      .number({ error: 'A whole number from 0 to 9999.' })
      .int('A whole number from 0 to 9999.')
      .min(0, 'A whole number from 0 to 9999.')
      .max(9999, 'A whole number from 0 to 9999.'),
    fn: optionalText(500).superRefine((fn, ctx) => {
      const problem = fn === null ? null : fnProblem(fn);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    form_id: idSchema.nullish().transform((v) => v ?? null),
    sandbox_id: z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/, 'Choose a loaded server script.')
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict()
  .refine((b) => b.fn !== null || b.form_id !== null || b.sandbox_id !== null, {
    message: 'A button needs something to do: an fn, a form or a server script.',
    path: ['fn'],
  });
export type BuiltButton = z.infer<typeof BuiltButton>;

const regexSource = z
  .string()
  .max(200, 'At most 200 characters.')
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Not a valid regular expression.' },
  );

/** One field of a built form: the runner's field schema, with the limits an editor needs. */
export const BuiltField = z
  .object({
    type: z.enum(AGENT_FIELD_TYPES),
    name: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,39}$/,
        'A name is 1–40 of letters, digits and "_", not starting with a digit.',
      ),
    /** Required, except on an `html` field (its text speaks for itself). */
    label: text(80),
    placeholder: text(80).optional(),
    required: z.boolean().optional(),
    /** In the form's collapsed "More details" section. */
    collapse: z.boolean().optional(),
    width: z.number().int('1 to 12 columns.').min(1, '1 to 12 columns.').max(12, '1 to 12 columns.'),
    validation: z.enum(FIELD_VALIDATIONS).optional(),
    regex: regexSource.optional(),
    regexMessage: text(120).optional(),
    defaultValue: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
    options: z
      .array(z.object({ label: text(80).min(1, 'An option needs a label.'), value: text(80) }))
      .max(MAX_OPTIONS, `At most ${MAX_OPTIONS} options.`)
      .optional(),
    multiple: z.boolean().optional(),
    min_select: z
      .number({ error: 'A whole number from 0 to 100.' })
      .int('A whole number from 0 to 100.')
      .min(0, 'A whole number from 0 to 100.')
      .max(MAX_OPTIONS, 'A whole number from 0 to 100.')
      .optional(),
    max_select: z
      .number({ error: 'A whole number from 1 to 100.' })
      .int('A whole number from 1 to 100.')
      .min(1, 'A whole number from 1 to 100.')
      .max(MAX_OPTIONS, 'A whole number from 1 to 100.')
      .optional(),
    html: z.string().max(MAX_FIELD_HTML, `At most ${MAX_FIELD_HTML} characters.`).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (f.type !== 'html' && f.label === '') problem('label', 'A label is required.');
    if (f.type === 'select' && (f.options?.length ?? 0) === 0) {
      problem('options', 'A list needs at least one option.');
    }
    if (f.type === 'html') {
      if (!f.html?.trim()) problem('html', 'Write the text to show.');
      if (f.required) problem('required', 'A text block has no value to require.');
    } else if (f.html !== undefined) {
      problem('html', 'Only a text block has HTML.');
    }
    const multiple = f.type === 'select' && f.multiple === true;
    if (f.multiple && f.type !== 'select') problem('multiple', 'Only a list can take several options.');
    if (!multiple && (f.min_select !== undefined || f.max_select !== undefined)) {
      problem('min_select', 'Fewest and most choices apply to a list that takes several options.');
    }
    if (f.min_select !== undefined && f.max_select !== undefined && f.min_select > f.max_select) {
      problem('min_select', 'The fewest choices cannot be more than the most.');
    }
    const count = f.options?.length ?? 0;
    if (multiple && count > 0 && (f.min_select ?? 0) > count) {
      problem('min_select', `Fewer options (${count}) than the fewest choices.`);
    }
  });
export type BuiltField = z.infer<typeof BuiltField>;

/** A form as the builder saves it; its fields also satisfy the runner's `AgentFormField`. */
export const BuiltForm = z
  .object({
    id: idSchema,
    name: text(80).min(1, 'A name is required.'),
    description: optionalText(500),
    submit_label: optionalText(40),
    sandbox_id: z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/, 'Choose a loaded server script.')
      .nullish()
      .transform((v) => v ?? null),
    fields: z
      .array(BuiltField)
      .min(1, 'A form needs a field.')
      .max(MAX_FIELDS, `At most ${MAX_FIELDS} fields.`),
  })
  .strict()
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.name)) {
        ctx.addIssue({
          code: 'custom',
          message: `Another field is already named "${f.name}".`,
          path: ['fields', i, 'name'],
        });
      }
      seen.add(f.name);
      if (BuiltField.safeParse(f).success && !AgentFormField.safeParse(f).success) {
        ctx.addIssue({
          code: 'custom',
          message: 'The Agent tab cannot show this field.',
          path: ['fields', i],
        });
      }
    });
  });
export type BuiltForm = z.infer<typeof BuiltForm>;

/** Where a definition comes from: the server's seed (read-only here) or the admin's builder. */
export const DefinitionOrigin = z.enum(['seed', 'admin']);
export type DefinitionOrigin = z.infer<typeof DefinitionOrigin>;

/** `GET /api/admin/agent`: everything the builders need on one screen. */
export const AgentDefinitions = z.object({
  buttons: z.array(extend(AgentButton, { origin: DefinitionOrigin })),
  forms: z.array(extend(AgentForm, { origin: DefinitionOrigin })),
  /** Server scripts loaded at start (demo and operator), by sandbox_id. */
  scripts: z.array(z.string()),
});
export type AgentDefinitions = z.infer<typeof AgentDefinitions>;

/** `{path: message}` for every problem, the path joined with dots (`fields.1.name`). */
export function issuesByPath(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    out[key] ??= issue.message;
  }
  return out;
}
