import { cleanup, render as renderWithoutI18n, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelMedia, ChannelMessageView } from '../../../api/channels-schemas';
import { I18nRoot } from '../../../ui/I18nRoot';
import { ConversationTimeline } from './ConversationTimeline';

const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });
afterEach(cleanup);

type MediaIn = Omit<ChannelMedia, 'kind'> & Partial<Pick<ChannelMedia, 'kind'>>;
const message = (id: number, file: MediaIn | null, patch: Partial<ChannelMessageView> = {}) => ({
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
  media: file && { kind: null, ...file },
  ...patch,
});

describe('ConversationTimeline', () => {
  it('shows only a kept image inline; the provider’s URL is a link, never an <img>', () => {
    const { container } = render(
      <ConversationTimeline
        conversationId={7}
        customer="Wendy"
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

  it('plays a kept voice note, audio and video from our copy, named with who sent it; a sticker is an image', () => {
    const { container } = render(
      <ConversationTimeline
        conversationId={7}
        customer="Wendy"
        messages={[
          message(1, {
            type: 'audio/ogg',
            kind: 'voice',
            name: 'audio',
            size: 9,
            state: 'stored',
            link: null,
          }),
          message(2, { type: 'audio/mpeg', name: 'song.mp3', size: 9, state: 'stored', link: null }),
          message(3, {
            type: 'video/mp4',
            kind: 'video',
            name: 'video',
            size: 9,
            state: 'stored',
            link: null,
          }),
          // WhatsApp audio in an MP4 container: the customer's word (audio) picks the player.
          message(4, {
            type: 'video/mp4',
            kind: 'audio',
            name: 'a.m4a',
            size: 9,
            state: 'stored',
            link: null,
          }),
          message(5, {
            type: 'image/webp',
            kind: 'sticker',
            name: 'sticker',
            size: 9,
            state: 'stored',
            link: null,
          }),
          // A video sent as a document is still a video.
          message(7, {
            type: 'video/webm',
            kind: 'document',
            name: 'c.webm',
            size: 9,
            state: 'stored',
            link: null,
          }),
          message(6, {
            type: '',
            kind: 'voice',
            name: 'audio',
            size: null,
            state: 'link',
            link: 'https://cdn.test/voice.ogg',
          }),
        ]}
      />,
    );
    const players = [...container.querySelectorAll('audio, video')] as HTMLMediaElement[];
    expect(players.map((p) => [p.tagName, p.getAttribute('src'), p.controls])).toEqual([
      ['AUDIO', '/api/channels/conversations/7/media/1', true],
      ['AUDIO', '/api/channels/conversations/7/media/2', true],
      ['VIDEO', '/api/channels/conversations/7/media/3', true],
      ['AUDIO', '/api/channels/conversations/7/media/4', true],
      ['VIDEO', '/api/channels/conversations/7/media/7', true],
    ]);
    expect(screen.getByLabelText('Voice message from Wendy').tagName).toBe('AUDIO');
    expect(screen.getAllByLabelText('Audio from Wendy')).toHaveLength(2);
    expect(screen.getAllByLabelText('Video from Wendy').map((v) => v.tagName)).toEqual(['VIDEO', 'VIDEO']);
    expect(screen.getByRole('img', { name: 'Sticker from Wendy' }).getAttribute('src')).toBe(
      '/api/channels/conversations/7/media/5',
    );
    // Not kept: the provider's URL is a link, never in a media element.
    expect(container.querySelector('[src*="cdn.test"]')).toBeNull();
    expect(screen.getByTestId('timeline-file-link').getAttribute('href')).toBe('https://cdn.test/voice.ogg');
  });

  it('adds the length once the browser has read it', async () => {
    render(
      <ConversationTimeline
        conversationId={7}
        customer="Wendy"
        messages={[
          message(1, {
            type: 'audio/ogg',
            kind: 'voice',
            name: 'audio',
            size: 9,
            state: 'stored',
            link: null,
          }),
        ]}
      />,
    );
    const audio = screen.getByLabelText('Voice message from Wendy') as HTMLAudioElement;
    Object.defineProperty(audio, 'duration', { value: 12.4 });
    audio.dispatchEvent(new Event('loadedmetadata'));
    expect((await screen.findByLabelText('Voice message from Wendy, 00:12')).tagName).toBe('AUDIO');
  });

  it('puts call rows between the messages in time order', () => {
    render(
      <ConversationTimeline
        conversationId={7}
        customer="Wendy"
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
