import { describe, expect, it, vi } from 'vitest';
import { DtlsCertificate, RENEW_BEFORE_MS, type GenerateCertificate } from './dtls-certificate';

const DAY = 24 * 60 * 60 * 1000;
const cert = (expires: number): RTCCertificate => ({ expires, getFingerprints: () => [] }) as RTCCertificate;

function setup(generate: GenerateCertificate | null) {
  const clock = { time: 1_000_000, now: () => clock.time };
  return { certificates: new DtlsCertificate(generate, clock), clock };
}

describe('DtlsCertificate', () => {
  it('hands out nothing until the certificate is made, then the same one for every call', async () => {
    const made = cert(1_000_000 + 30 * DAY);
    const generate = vi.fn<GenerateCertificate>().mockResolvedValue(made);
    const { certificates } = setup(generate);
    certificates.warm();
    expect(certificates.current()).toBeNull();
    await vi.waitFor(() => expect(certificates.current()).toBe(made));
    expect(certificates.current()).toBe(made);
    certificates.warm();
    expect(generate).toHaveBeenCalledTimes(1);
    expect(generate).toHaveBeenCalledWith({ name: 'ECDSA', namedCurve: 'P-256' });
  });

  it('generates once while a generation is under way', () => {
    const generate = vi.fn<GenerateCertificate>(() => new Promise<RTCCertificate>(() => undefined));
    const { certificates } = setup(generate);
    certificates.warm();
    certificates.warm();
    expect(certificates.current()).toBeNull();
    expect(generate).toHaveBeenCalledTimes(1);
  });

  it('replaces a certificate that is about to expire, and never hands out the old one', async () => {
    const first = cert(1_000_000 + 2 * DAY);
    const second = cert(1_000_000 + 40 * DAY);
    const generate = vi.fn<GenerateCertificate>().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const { certificates, clock } = setup(generate);
    certificates.warm();
    await vi.waitFor(() => expect(certificates.current()).toBe(first));
    clock.time += 2 * DAY - RENEW_BEFORE_MS + 1;
    expect(certificates.current()).toBeNull();
    await vi.waitFor(() => expect(certificates.current()).toBe(second));
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('falls back to the browser making its own when generation fails, and tries again later', async () => {
    const generate = vi.fn<GenerateCertificate>().mockRejectedValueOnce(new Error('NotSupportedError'));
    const { certificates } = setup(generate);
    certificates.warm();
    await vi.waitFor(() => expect(generate).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    const later = cert(1_000_000 + 30 * DAY);
    generate.mockResolvedValueOnce(later);
    await vi.waitFor(() => expect(certificates.current()).toBe(later));
  });

  it('does nothing without WebRTC', () => {
    const { certificates } = setup(null);
    certificates.warm();
    expect(certificates.current()).toBeNull();
  });
});
