import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useWebphoneConfig } from '../stores/webphone-config';
import { useMenuItems } from './useBranding';

/** "Dialpad · Openline" etc. (the operator's tab titles and brand), so screen readers and the tab strip say where you are. */
export function useDocumentTitle(): void {
  const { pathname } = useLocation();
  const items = useMenuItems();
  const brand = useWebphoneConfig((s) => s.config.brand.name);
  useEffect(() => {
    const item = items.find((i) => pathname.startsWith(i.path));
    document.title = item ? `${item.label} · ${brand}` : brand;
  }, [pathname, items, brand]);
}
