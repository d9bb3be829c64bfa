/**
 * Applies the operator's brand (issue 13): the theme colour as the `--primary`/`--brand` custom
 * properties and the `theme-color` meta (the installed app's title bar), the logo, the header title and
 * the menu side.
 */
import { useLingui } from '@lingui/react';
import { useEffect, useMemo } from 'react';
import type { NavItem } from './nav-items';
import { menuItems } from './menu';
import { DEFAULT_WEBPHONE_CONFIG, useWebphoneConfig } from '../stores/webphone-config';

/** `logo`: the operator's logo's address, or null for Openline's own (drawn inline: `OpenlineLogo`). */
export function useBranding(): { logo: string | null; menuRight: boolean } {
  const brand = useWebphoneConfig((s) => s.config.brand);
  const menuRight = useWebphoneConfig((s) => s.config.flags.menuRight);
  useEffect(() => {
    const root = document.documentElement;
    const custom = brand.themeColor.toLowerCase() !== DEFAULT_WEBPHONE_CONFIG.brand.themeColor;
    // theme.css maps --brand onto --primary/--focus in the light scheme (the dark scheme keeps its own
    // light-on-dark primary, whose contrast an arbitrary brand colour could break).
    root.style.setProperty('--brand', brand.themeColor);
    root.toggleAttribute('data-brand', custom);
    const meta = document.querySelector<HTMLMetaElement>(
      'meta[name="theme-color"][media="(prefers-color-scheme: light)"]',
    );
    if (meta) {
      meta.dataset.original ??= meta.content;
      meta.content = custom ? brand.themeColor : meta.dataset.original;
    }
  }, [brand.themeColor]);
  return { logo: brand.logo === DEFAULT_WEBPHONE_CONFIG.brand.logo ? null : brand.logo, menuRight };
}

/** The header's title: the brand, or the signed-in username with Username as Title. */
export function useShellTitle(): string {
  return useWebphoneConfig((s) =>
    s.config.flags.usernameAsTitle && s.username ? s.username : s.config.brand.name,
  );
}

export function useMenuItems(): NavItem[] {
  const config = useWebphoneConfig((s) => s.config);
  const role = useWebphoneConfig((s) => s.role);
  const { _ } = useLingui(); // a new function for each language: the labels follow a change of language
  return useMemo(() => menuItems(config, role, _), [config, role, _]);
}
