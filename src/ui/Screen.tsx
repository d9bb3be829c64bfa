import { useId, type ReactNode } from 'react';

interface ScreenProps {
  title: string;
  /** Keep the heading for screen readers only (the Dialpad speaks for itself). */
  hideTitle?: boolean;
  className?: string;
  children: ReactNode;
}

/** A routed screen: a region named by its one `h1`, centred in the main area. */
export function Screen({ title, hideTitle = false, className, children }: ScreenProps) {
  const titleId = useId();
  return (
    <section className={className ? `screen ${className}` : 'screen'} aria-labelledby={titleId}>
      <h1 id={titleId} className={hideTitle ? 'visually-hidden' : 'screen-title'}>
        {title}
      </h1>
      {children}
    </section>
  );
}
