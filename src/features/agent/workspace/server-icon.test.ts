import { describe, expect, it } from 'vitest';
import { serverIconName } from './server-icon';

describe('serverIconName', () => {
  it('maps Font Awesome and Material names onto built-in drawings', () => {
    expect(serverIconName('fas fa-phone-alt')).toBe('phone');
    expect(serverIconName('fa-magnifying-glass')).toBe('search');
    expect(serverIconName('mdi-microphone')).toBe('mic');
    expect(serverIconName('check')).toBe('check');
  });

  it('ignores unknown names and names that are not own drawings', () => {
    expect(serverIconName('fa-rocket')).toBeNull();
    expect(serverIconName('constructor')).toBeNull();
    expect(serverIconName('__proto__')).toBeNull();
    expect(serverIconName('')).toBeNull();
    expect(serverIconName(null)).toBeNull();
  });
});
