import { expect, type Page } from '@playwright/test';

export type AdminSectionName = 'Accounts' | 'Buttons' | 'Forms' | 'Pages';

/**
 * Opens Admin, then one of its sections, and returns once that section is on screen. The router updates
 * the address at once and renders the new section in a transition, so the URL alone does not mean the
 * section's fields are there yet (a `getByLabel('Title')` once met the Configuration section's nine).
 * The section link's `aria-current` comes from the same render as the section.
 */
export async function openAdminSection(page: Page, name: AdminSectionName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const link = page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/admin\\?section=${name.toLowerCase()}$`));
  await expect(link).toHaveAttribute('aria-current', 'page');
}
