import type { ReactNode } from 'react';

/** What a list shows before it has anything: one sentence saying when it will fill. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-text">{children}</p>
    </div>
  );
}
