import { cleanup, render as renderWithoutI18n, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelMedia, ChannelMessageView } from '../../../api/channels-schemas';
import { I18nRoot } from '../../../ui/I18nRoot';
import { ConversationTimeline } from './ConversationTimeline';

const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });
afterEach(cleanup);

const message = (id: number, media: ChannelMedia | null, patch: Partial<ChannelMessageView> = {}) => ({
  id,
  direction: 'in' as const,
  kind: 'text' as const,
  body: '',
  status: 'received' as const,
  attempts: 0,
  reason: null,
  reasonCode: null,
  author: null,
  createdAt: 1_800_000_000_000 + id,
  media,
  ...patch,
});

describe('ConversationTimeline', () => {
  it('shows only a kept image inline; the provider’s URL is a link, never an <img>', () => {
    const { container } = render(
      <ConversationTimeline
        conversationId={7}
        messages={[
          message(1, { type: 'image/png', name: 'box.png', size: 10, state: 'stored', link: null }),
          message(2, {
            type: 'image/png',
            name: 'pixel.png',
            size: null,
            state: 'link',
            link: 'https://cdn.test/pixel.png',
          }),
          message(3, { type: 'application/pdf', name: 'bill.pdf', size: 9, state: 'stored', link: null }),
          message(4, { type: '', name: 'x', size: null, state: 'link', link: 'javascript:alert(1)' }),
          message(5, { type: '', name: 'y', size: null, state: 'pending', link: 'https://cdn.test/y' }),
        ]}
      />,
    );
    const images = container.querySelectorAll('img');
    expect([...images].map((i) => i.getAttribute('src'))).toEqual(['/api/channels/conversations/7/media/1']);
    expect(screen.getByRole('img', { name: 'Image: box.png' })).toBeTruthy();
    expect(screen.getByTestId('timeline-file-link').getAttribute('href')).toBe('https://cdn.test/pixel.png');
    expect(screen.getByRole('link', { name: 'Document: bill.pdf' }).getAttribute('href')).toBe(
      '/api/channels/conversations/7/media/3',
    );
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.getByText('A file that could not be received: x')).toBeTruthy();
    expect(screen.getByText('Receiving the file…')).toBeTruthy();
  });

  it('puts call rows between the messages in time order', () => {
    render(
      <ConversationTimeline
        conversationId={7}
        messages={[
          message(1, null, { body: 'Call me', createdAt: 1000 }),
          message(2, null, { body: 'Thanks', createdAt: 9000 }),
        ]}
        calls={[
          { id: 2, roomId: 'r', event: 'ended', durationMs: 125_000, at: 8000 },
          { id: 1, roomId: 'r', event: 'answered', durationMs: null, at: 2000 },
        ]}
      />,
    );
    const rows = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(rows[0]).toMatch(/^Call me/);
    expect(rows[1]).toMatch(/^The customer joined the call and it was answered/);
    expect(rows[2]).toMatch(/^Call ended after 02:05/);
    expect(rows[3]).toMatch(/^Thanks/);
  });
});
