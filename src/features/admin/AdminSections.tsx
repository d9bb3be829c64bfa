import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { Link } from 'react-router-dom';

export const ADMIN_SECTIONS = [
  { id: 'configuration', label: msg`Configuration` },
  { id: 'accounts', label: msg`Accounts` },
  { id: 'buttons', label: msg`Buttons` },
  { id: 'forms', label: msg`Forms` },
  { id: 'pages', label: msg`Pages` },
] as const;
export type AdminSectionId = (typeof ADMIN_SECTIONS)[number]['id'];

export function sectionOf(value: string | null): AdminSectionId {
  return ADMIN_SECTIONS.find((s) => s.id === value)?.id ?? 'configuration';
}

/**
 * The Admin area's section links: a list that wraps onto more lines instead of cutting labels, so it
 * works on a 390 px phone and at 200% zoom; plain links, so Tab and Enter operate it and each section
 * has its own address (`/admin?section=accounts`).
 */
export function AdminSections({ current }: { current: AdminSectionId }) {
  const { t, i18n } = useLingui();
  return (
    <nav aria-label={t`Admin sections`} className="admin-sections">
      <ul>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.id}>
            <Link
              to={s.id === 'configuration' ? '/admin' : `/admin?section=${s.id}`}
              className="admin-section-link"
              aria-current={s.id === current ? 'page' : undefined}
            >
              {i18n._(s.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
