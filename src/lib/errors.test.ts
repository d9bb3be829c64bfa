import { describe, expect, it } from 'vitest';
import { classifyMediaError, errorMessage } from './errors';

const domError = (name: string) => new DOMException('browser text', name);

describe('errorMessage', () => {
  it('reads an Error, a thrown string and anything else', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('classifyMediaError', () => {
  it('says the same sentence for every name of a blocked permission', () => {
    for (const name of ['NotAllowedError', 'PermissionDeniedError', 'SecurityError']) {
      expect(classifyMediaError(domError(name))).toEqual({
        kind: 'permission-denied',
        message: 'Microphone or camera access is blocked.',
      });
    }
  });

  it('tells a missing device from a busy one', () => {
    for (const name of ['NotFoundError', 'DevicesNotFoundError', 'OverconstrainedError']) {
      expect(classifyMediaError(domError(name))?.kind).toBe('no-device');
    }
    expect(classifyMediaError(domError('NotFoundError'))?.message).toBe('No microphone or camera was found.');
    for (const name of ['NotReadableError', 'TrackStartError', 'AbortError']) {
      expect(classifyMediaError(domError(name))).toEqual({
        kind: 'device-busy',
        message: 'The microphone or camera is in use by another app, or not working.',
      });
    }
  });

  it('classifies plain objects by name and leaves other errors alone', () => {
    expect(classifyMediaError({ name: 'NotAllowedError' })?.kind).toBe('permission-denied');
    expect(classifyMediaError(new Error('network down'))).toBeNull();
    expect(classifyMediaError(new TypeError('x'))).toBeNull();
    expect(classifyMediaError({ name: 'toString' })).toBeNull();
    expect(classifyMediaError('NotAllowedError')).toBeNull();
    expect(classifyMediaError(null)).toBeNull();
  });
});
