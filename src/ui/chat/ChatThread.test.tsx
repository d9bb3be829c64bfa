/**
 * The shared thread's ADR 0030 parts: the typing line (one polite live region, present only where the
 * conversation has typing), the draft reported as it changes, the Attach button only when sending files
 * is allowed (a refusal shown as an alert), and files shown once fetched: images inline, PDFs as a link.
 */
import { i18n } from '@lingui/core';
import { I18nProvider } from '@lingui/react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatThread, type ChatThreadProps, type ThreadMessage } from './ChatThread';

const sent = (key: string, extra: Partial<ThreadMessage>): ThreadMessage => ({
  key,
  mine: false,
  who: 'Ada',
  text: '',
  at: 1_700_000_000_000,
  state: 'sent',
  ...extra,
});

function thread(props: Partial<ChatThreadProps>) {
  return render(
    <I18nProvider i18n={i18n}>
      <ChatThread
        title="Chat with Ada"
        messages={[]}
        notice={null}
        canSend
        maxLength={2000}
        onSend={() => null}
        onRetry={() => undefined}
        {...props}
      />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('ChatThread typing and files', () => {
  it('shows the other side typing in a polite live region, and reports the draft', () => {
    const onDraftChange = vi.fn();
    const { rerender } = thread({ typing: null, onDraftChange });
    const line = screen.getByTestId('chat-typing');
    expect(line.getAttribute('role')).toBe('status');
    expect(line.getAttribute('aria-live')).toBe('polite');
    expect(line.textContent).toBe('');
    rerender(
      <I18nProvider i18n={i18n}>
        <ChatThread
          title="Chat with Ada"
          messages={[]}
          notice={null}
          canSend
          maxLength={2000}
          onSend={() => null}
          onRetry={() => undefined}
          typing="Ada is typing…"
          onDraftChange={onDraftChange}
        />
      </I18nProvider>,
    );
    expect(screen.getByTestId('chat-typing').textContent).toBe('Ada is typing…');
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hi' } });
    expect(onDraftChange).toHaveBeenLastCalledWith('Hi');
  });

  it('has no typing line and no Attach button where the conversation has neither', () => {
    thread({});
    expect(screen.queryByTestId('chat-typing')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attach file' })).toBeNull();
  });

  it('offers Attach file when allowed and shows why a file was refused', async () => {
    const onAttach = vi.fn(() => Promise.resolve({ code: 'unsupported_media_type' }));
    thread({ onAttach });
    expect(screen.getByRole('button', { name: 'Attach file' })).toBeTruthy();
    const input = screen.getByTestId('chat-file-input') as HTMLInputElement;
    expect(input.accept).toBe('image/png,image/jpeg,image/webp,image/gif,application/pdf');
    const file = new File(['text'], 'notes.png');
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
      await Promise.resolve();
    });
    expect(onAttach).toHaveBeenCalledWith(file);
    expect(screen.getByRole('alert').textContent).toBe(
      'Only images (PNG, JPEG, WebP, GIF) and PDF files can be sent.',
    );
  });

  it('shows an image inline and a PDF as a download link once fetched', async () => {
    const fileUrl = vi.fn((id: string) => Promise.resolve(`blob:${id}`));
    thread({
      fileUrl,
      messages: [
        sent('m1', { file: { id: 'I'.repeat(32), name: 'router.png', type: 'image/png', size: 2048 } }),
        sent('m2', {
          file: { id: 'P'.repeat(32), name: 'invoice.pdf', type: 'application/pdf', size: 1_500_000 },
        }),
      ],
    });
    const image = (await screen.findByRole('img', { name: 'router.png' })) as HTMLImageElement;
    expect(image.getAttribute('src')).toBe(`blob:${'I'.repeat(32)}`);
    const pdf = await screen.findByRole('link', { name: 'invoice.pdf (PDF, 1.5 MB)' });
    expect(pdf.getAttribute('href')).toBe(`blob:${'P'.repeat(32)}`);
    expect(pdf.getAttribute('download')).toBe('invoice.pdf');
  });
});
