/**
 * Reading what a server script answered: the actions namespace `__` with at most one `action`,
 * `formSchema` and `formData`. Server input is untrusted: anything malformed becomes a reported
 * problem; `eval` and `formId` (documented as not implemented) are reported as unsupported and
 * never executed. Never throws.
 */
import type { FnCall } from './fn-parser';
import { parseFnString } from './fn-parser';

export interface ServerInstructions {
  action: FnCall | null;
  formSchema: unknown[];
  formData: Record<string, unknown>;
  /** Instructions we refuse by design (eval, formId). */
  unsupported: string[];
  /** Malformed parts that were ignored. */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN = new Set(['action', 'formSchema', 'formData', 'eval', 'formId']);

function readAction(raw: unknown, problems: string[]): FnCall | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string') {
    const parsed = parseFnString(raw);
    if (parsed.ok) return parsed.call;
    problems.push(`action: ${parsed.error}`);
    return null;
  }
  if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name.trim() === '') {
    problems.push('action has no name: ignored.');
    return null;
  }
  const params = raw.params;
  const list = params === undefined || params === null ? [] : Array.isArray(params) ? params : [params];
  const args: string[] = [];
  for (const p of list.slice(0, 10)) {
    if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')
      args.push(String(p).slice(0, 4096));
    else {
      problems.push('action params must be text, numbers or booleans: action ignored.');
      return null;
    }
  }
  return { name: raw.name.trim().slice(0, 64), args };
}

export function readServerResponse(raw: unknown): ServerInstructions {
  const out: ServerInstructions = {
    action: null,
    formSchema: [],
    formData: {},
    unsupported: [],
    problems: [],
  };
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    out.problems.push('The server answer is not an object: ignored.');
    return out;
  }
  const ns = raw.__;
  if (ns === undefined) {
    if (Object.keys(raw).length)
      out.problems.push('The server answer has no "__" actions namespace: ignored.');
    return out;
  }
  if (!isRecord(ns)) {
    out.problems.push('"__" is not an object: ignored.');
    return out;
  }
  if ('eval' in ns) out.unsupported.push('eval is not implemented: server-sent code is never executed.');
  if ('formId' in ns)
    out.unsupported.push('formId is not implemented: use form_id on the button or openForm.');
  out.action = readAction(ns.action, out.problems);
  if (ns.formSchema !== undefined) {
    if (Array.isArray(ns.formSchema)) out.formSchema = ns.formSchema.slice(0, 100);
    else out.problems.push('formSchema is not a list: ignored.');
  }
  if (ns.formData !== undefined) {
    if (isRecord(ns.formData)) out.formData = ns.formData;
    else out.problems.push('formData is not an object: ignored.');
  }
  for (const key of Object.keys(ns)) {
    if (!KNOWN.has(key)) out.problems.push(`Unknown instruction "${key.slice(0, 40)}": ignored.`);
  }
  return out;
}
