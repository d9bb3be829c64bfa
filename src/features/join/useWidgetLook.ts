import { useLingui } from '@lingui/react/macro';
import { useEffect, useLayoutEffect } from 'react';
import type { JoinPageWidget as JoinWidget } from '../../api/join-widget-schemas';
import { DEFAULT_JOIN_TITLE } from '../../stores/join-widget';

/**
 * The page's title: a title the operator left at its default is shown translated; one they typed is
 * their own wording, shown as it is in every language (docs/i18n.md, like the tab titles).
 */
export function useWidgetTitle(widget: JoinWidget): string {
  const { t } = useLingui();
  return widget.title === DEFAULT_JOIN_TITLE ? t`Openline video call` : widget.title;
}

/**
 * Applies the operator's join page settings to the document: the browser tab's title, the theme colour
 * (theme.css maps `--brand` onto the buttons' colour in the light scheme, as the app's branding does)
 * and the customer's text size (the page is sized in rem, so the root font size scales all of it).
 */
export function useWidgetLook(widget: JoinWidget, textScale: number) {
  const title = useWidgetTitle(widget);
  useEffect(() => {
    document.title = title;
  }, [title]);

  // Before the paint: the operator's settings are usually known at the first render (join-main.tsx), and
  // that screen is not drawn in the default colour and size first, then redrawn (a layout shift, too).
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--brand', widget.themeColor);
    root.dataset.brand = '';
    return () => {
      root.style.removeProperty('--brand');
      delete root.dataset.brand;
    };
  }, [widget.themeColor]);

  useLayoutEffect(() => {
    const root = document.documentElement;
    if (textScale === 1) root.style.removeProperty('font-size');
    else root.style.fontSize = `${textScale * 100}%`;
  }, [textScale]);
}
