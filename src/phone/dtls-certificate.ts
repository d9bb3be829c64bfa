/**
 * One DTLS certificate per page, made ahead of the calls that use it (issue 10).
 *
 * Without `certificates` in its configuration, every RTCPeerConnection generates its own key pair,
 * and Chromium holds the first createOffer/createAnswer until it is ready: 15–25 ms on the callee's
 * answer path and inside the caller's INVITE on the 2-core bench machine (docs/performance.md).
 * Reusing one ECDSA P-256 certificate (the browser's default kind) for the page's calls removes that.
 * It lives in memory only; the certificate's fingerprint links calls made from one page load, which
 * the SIP identity in every INVITE already does.
 */
import type { Clock } from './util';

export type GenerateCertificate = (keygen: EcKeyGenParams) => Promise<RTCCertificate>;

/** A certificate this close to expiry is replaced (a page can stay open for weeks). */
export const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

const KEYGEN: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

/** The browser's generator, or null where WebRTC is missing (unit tests of the engine, old browsers). */
export function browserCertificateGenerator(): GenerateCertificate | null {
  const pc = globalThis.RTCPeerConnection as typeof RTCPeerConnection | undefined;
  if (typeof pc?.generateCertificate !== 'function') return null;
  return (keygen) => pc.generateCertificate(keygen);
}

export class DtlsCertificate {
  private certificate: RTCCertificate | null = null;
  private generating: Promise<void> | null = null;

  constructor(
    private readonly generate: GenerateCertificate | null,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** Starts generating when there is no certificate fit for use; never throws. */
  warm(): void {
    if (!this.generate || this.generating || this.fresh()) return;
    this.generating = this.generate(KEYGEN)
      .then((certificate) => {
        this.certificate = certificate;
      })
      // The browser then makes one per peer connection, as it does without us.
      .catch(() => undefined)
      .finally(() => {
        this.generating = null;
      });
  }

  /** The certificate to put in a peer connection's configuration, or null (the browser makes one). */
  current(): RTCCertificate | null {
    if (this.fresh()) return this.certificate;
    this.warm();
    return null;
  }

  private fresh(): boolean {
    return this.certificate !== null && this.certificate.expires - this.clock.now() > RENEW_BEFORE_MS;
  }
}

/** Per page: sign-out and sign-in again keep it. */
let pageCertificate: DtlsCertificate | null = null;

export function pageDtlsCertificate(clock: Pick<Clock, 'now'>): DtlsCertificate {
  pageCertificate ??= new DtlsCertificate(browserCertificateGenerator(), clock);
  return pageCertificate;
}
