import { useEffect } from 'react';
import type { JoinWidget } from '../../api/join-widget-schemas';

/**
 * Applies the operator's join page settings to the document: the browser tab's title, the theme colour
 * (theme.css maps `--brand` onto the buttons' colour in the light scheme, as the app's branding does)
 * and the customer's text size (the page is sized in rem, so the root font size scales all of it).
 */
export function useWidgetLook(widget: JoinWidget, textScale: number) {
  useEffect(() => {
    document.title = widget.title;
  }, [widget.title]);

  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--brand', widget.themeColor);
    root.dataset.brand = '';
    return () => {
      root.style.removeProperty('--brand');
      delete root.dataset.brand;
    };
  }, [widget.themeColor]);

  useEffect(() => {
    const root = document.documentElement;
    if (textScale === 1) root.style.removeProperty('font-size');
    else root.style.fontSize = `${textScale * 100}%`;
  }, [textScale]);
}
