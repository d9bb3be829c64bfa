/**
 * The webphone configuration's zod schema for screens (the Admin form, the cache check), kept out of the
 * shell's first load: only lazily loaded code imports this module.
 */
import { WebphoneConfig } from '../api/webphone-schemas';

export { WebphoneConfig as WebphoneConfigSchema };

/** Field errors keyed by path (`menu.history.position`), the first message per field. */
export type FieldErrors = Record<string, string>;

/** Validates with the schema the server uses (the Admin form's field errors); null when valid. */
export function configErrors(config: unknown): FieldErrors | null {
  const parsed = WebphoneConfig.safeParse(config);
  if (parsed.success) return null;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return errors;
}

/** A cached configuration, if it is still valid. */
export function validConfig(raw: unknown): WebphoneConfig | null {
  const parsed = WebphoneConfig.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
