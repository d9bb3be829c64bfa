import { describe, expect, it } from 'vitest';
import { requestWebcallLink, takeWebcallIntent } from './webcall-intent';

describe('webcall intent', () => {
  it('prefills the webcall form once per request', () => {
    expect(takeWebcallIntent()).toBeNull();
    requestWebcallLink({ customerName: 'Ada Lovelace', phone: '+442079460123' });
    expect(takeWebcallIntent()).toEqual({ customerName: 'Ada Lovelace', phone: '+442079460123' });
    expect(takeWebcallIntent()).toBeNull();
  });
});
