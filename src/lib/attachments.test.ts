import { describe, expect, it } from 'vitest';
import { attachmentMessageBody, parseAttachmentMessage } from './attachment-link';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentProblem,
  cleanAttachmentName,
  formatBytes,
  sniffAttachmentType,
} from './attachments';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffAttachmentType', () => {
  it('recognises the allowed types by their magic bytes', () => {
    expect(sniffAttachmentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(bytes('GIF89a', [1, 0]))).toBe('image/gif');
    expect(sniffAttachmentType(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffAttachmentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses everything else, whatever the name or declared type would say', () => {
    expect(sniffAttachmentType(bytes('MZ', [0x90, 0]))).toBeNull(); // a Windows .exe
    expect(sniffAttachmentType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffAttachmentType(bytes('<html><script>'))).toBeNull();
    expect(sniffAttachmentType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffAttachmentType(bytes([0x89], 'PN'))).toBeNull(); // truncated signature
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });
});

describe('attachment limits and names', () => {
  it('says what is wrong: empty, too big, wrong type', () => {
    expect(attachmentProblem({ name: 'a.png', size: 0 }, 'image/png')).toBe('a.png is empty.');
    expect(attachmentProblem({ name: 'big.png', size: ATTACHMENT_MAX_BYTES + 1 }, 'image/png')).toBe(
      'big.png is too big (10 MB); files can be at most 10 MB.',
    );
    expect(attachmentProblem({ name: 'setup.exe', size: 10 }, null)).toMatch(
      /^setup\.exe cannot be sent: only images/,
    );
    expect(attachmentProblem({ name: 'ok.pdf', size: ATTACHMENT_MAX_BYTES }, 'application/pdf')).toBeNull();
  });

  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(34_567)).toBe('35 KB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(25_000_000)).toBe('25 MB');
  });

  it('cleans file names of paths, control and bidi characters', () => {
    expect(cleanAttachmentName('C:\\Users\\x\\photo.png')).toBe('photo.png');
    expect(cleanAttachmentName('../../etc/passwd')).toBe('passwd');
    expect(cleanAttachmentName('in\u202egnp.exe')).toBe('ingnp.exe');
    expect(cleanAttachmentName('a\r\nContent-Type: x"')).toBe('aContent-Type: x');
    expect(cleanAttachmentName('   ')).toBe('file');
    expect([...cleanAttachmentName('é'.repeat(500))]).toHaveLength(120);
  });
});

describe('attachment messages', () => {
  const origin = 'https://phone.example.com';
  const link = {
    url: `${origin}/api/attachments/${'a'.repeat(32)}`,
    type: 'image/png' as const,
    size: 34_567,
    name: 'my photo & co.png',
  };

  it('round-trips through a readable two-line body', () => {
    const body = attachmentMessageBody(link);
    expect(body.split('\n')[0]).toBe('my photo & co.png (35 KB)');
    expect(body.split('\n')[1]).toMatch(
      /^https:\/\/phone\.example\.com\/api\/attachments\/a{32}#type=image%2Fpng/,
    );
    expect(parseAttachmentMessage(body, origin)).toEqual(link);
  });

  it('treats other text, other origins and bad fragments as plain text', () => {
    const body = attachmentMessageBody(link);
    expect(parseAttachmentMessage('hello', origin)).toBeNull();
    expect(parseAttachmentMessage(body, 'https://evil.example')).toBeNull();
    expect(parseAttachmentMessage(body.replace('image%2Fpng', 'image%2Fsvg%2Bxml'), origin)).toBeNull();
    expect(parseAttachmentMessage(body.replace('size=34567', 'size=-1'), origin)).toBeNull();
    expect(parseAttachmentMessage(body.replace('a'.repeat(32), 'short'), origin)).toBeNull();
    expect(parseAttachmentMessage(`see this\n${origin}/api/attachments/x`, origin)).toBeNull();
    expect(parseAttachmentMessage(`${body}\nand more`, origin)).toBeNull();
  });
});
