import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { NAV_ITEMS } from './nav-items';

/** "Dialpad · Openline" etc., so screen readers and the tab strip say where you are. */
export function useDocumentTitle(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const item = NAV_ITEMS.find((i) => pathname.startsWith(i.path));
    document.title = item ? `${item.label} · Openline` : 'Openline';
  }, [pathname]);
}
