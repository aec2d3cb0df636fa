import { describe, expect, it } from 'vitest';
import { base64UrlUnpadded, lookupHash, lookupInput } from '../../../../../src/renderer/matrix/tchap/identityHash.ts';

describe('identity lookup hash', () => {
  it('matches the example of the identity service specification', async () => {
    await expect(lookupHash('alice@example.com', 'email', 'matrixrocks')).resolves.toBe(
      '4kenr7N9drpCJ4AfalmlGQVsOn3o2RHjkADUpXJWZUc',
    );
  });

  it('lower-cases and trims the address, so the same person has one hash', async () => {
    expect(lookupInput(' Jules@Example.GOUV.fr ', 'email', 'pep')).toBe('jules@example.gouv.fr email pep');
    await expect(lookupHash('JULES@example.gouv.fr', 'email', 'pep')).resolves.toBe(
      'GgDCEEa2RxTnRUs7lLpckhNSE3n3LuEcpoDiNIr_Vj0',
    );
  });

  it('encodes as URL-safe base64 without padding', () => {
    expect(base64UrlUnpadded(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64UrlUnpadded(new Uint8Array([]))).toBe('');
  });
});
