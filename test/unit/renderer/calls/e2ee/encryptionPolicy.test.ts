import { describe, expect, it } from 'vitest';
import { mediaEncryptionFor } from '../../../../../src/renderer/calls/e2ee/encryptionPolicy.ts';

describe('calls.mediaEncryption', () => {
  it('required: encrypts, and a device that cannot does not join in clear', () => {
    expect(mediaEncryptionFor('required', true)).toBe(true);
    expect(mediaEncryptionFor('required', false)).toBe('unsupported');
  });

  it('preferred: encrypts where the device can', () => {
    expect(mediaEncryptionFor('preferred', true)).toBe(true);
    expect(mediaEncryptionFor('preferred', false)).toBe(false);
  });

  it('off: never', () => {
    expect(mediaEncryptionFor('off', true)).toBe(false);
  });
});
