import { cleanup, fireEvent, render as renderWithoutI18n, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBPHONE_CONFIG, useWebphoneConfig } from '../../stores/webphone-config';
import { I18nRoot } from '../../ui/I18nRoot';
import { PagesSection } from './PagesSection';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

const HELP = {
  id: 'help',
  title: 'Help',
  icon: 'description',
  position: 3,
  disabled: false,
  html: '<p>Hi</p>',
} as const;

beforeEach(() => {
  useWebphoneConfig.setState({ config: { ...DEFAULT_WEBPHONE_CONFIG, pages: [HELP] } });
});
afterEach(() => {
  cleanup();
  useWebphoneConfig.setState({ config: DEFAULT_WEBPHONE_CONFIG });
});

// Admin → Pages through the shared definition editor (DefinitionEditor.tsx), which Buttons and Forms
// use too: the list, the editor's title and buttons, a refused save and Cancel.
describe('Admin → Pages (the shared definition editor)', () => {
  it('lists the pages with Edit and Delete, and a new-page editor without Cancel', () => {
    render(<PagesSection />);
    const list = screen.getByRole('region', { name: 'Menu pages' });
    const item = within(list).getByTestId('menu-page-help');
    expect(item.textContent).toContain('Help (/page/help)');
    expect(item.textContent).toContain('Position 3 · description');
    expect(within(item).getByRole('button', { name: 'Edit page Help' })).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Delete page Help' })).toBeTruthy();
    const editor = screen.getByRole('region', { name: 'New page' });
    expect(within(editor).getByRole('button', { name: 'Add page' })).toBeTruthy();
    expect(within(editor).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByTestId('pages-status').textContent).toBe('');
  });

  it('a refused save marks the field, moves the focus there and says why', async () => {
    render(<PagesSection />);
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: 'news' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add page' }));
    const title = screen.getByLabelText('Title');
    expect(await screen.findByText('Give the page a title.', { selector: '.field-error' })).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(title);
    expect(screen.getByTestId('pages-status').textContent).toContain('Not saved: Give the page a title.');
    // Typing in the field clears its error: the message was about what was there before.
    fireEvent.change(title, { target: { value: 'News' } });
    expect(title.getAttribute('aria-invalid')).toBeNull();
  });

  it('Edit fills the editor and offers Cancel; Cancel starts a new page again', () => {
    render(<PagesSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit page Help' }));
    const editor = screen.getByRole('region', { name: 'Edit page help' });
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('Help');
    expect(screen.getByLabelText<HTMLInputElement>('Address').readOnly).toBe(true);
    expect(screen.getByTestId('pages-status').textContent).toContain('Editing Help.');
    expect(within(editor).getByRole('button', { name: 'Save page' })).toBeTruthy();
    fireEvent.click(within(editor).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('region', { name: 'New page' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('');
  });
});
