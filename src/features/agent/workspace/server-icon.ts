import { isIconName, type IconName } from '../../../ui/icons';

/** Font Awesome / Material names the demo company's buttons use, mapped onto our drawings. */
const ALIASES: Record<string, IconName> = {
  'magnifying-glass': 'search',
  call: 'phone',
  'phone-alt': 'phone',
  'phone-slash': 'phone-off',
  'phone-hangup': 'phone-off',
  microphone: 'mic',
  'check-circle': 'check',
  'file-alt': 'doc',
  'file-text': 'doc',
  'arrow-circle-up': 'arrow-up',
  'info-circle': 'info',
};

/**
 * A server button's icon name (`phone`, `fa-phone`, `fas fa-phone-alt`, `mdi-mic`) → one of the
 * built-in drawings, or null. Server text only ever selects a drawing; it never becomes markup.
 */
export function serverIconName(raw: string | null | undefined): IconName | null {
  if (!raw) return null;
  const last = raw.trim().toLowerCase().split(/\s+/).pop() ?? '';
  const bare = last.replace(/^(?:fa[srlbd]?-|mdi-|bi-|icon-)/, '');
  const name = ALIASES[bare] ?? bare;
  return isIconName(name) ? name : null;
}
