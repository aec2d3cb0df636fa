import { describe, expect, it } from 'vitest';
import { KeyRing, nextKeyIndex } from '../../../../../src/renderer/calls/e2ee/keyRing.ts';

describe('call key ring', () => {
  it('keeps every index a sender gave, so frames under the previous key still decrypt', () => {
    const ring = new KeyRing<string>();
    ring.set('@a:hs|A', 0, 'k0');
    ring.set('@a:hs|A', 1, 'k1');
    expect(ring.get('@a:hs|A', 0)).toBe('k0');
    expect(ring.get('@a:hs|A', 1)).toBe('k1');
    expect(ring.get('@b:hs|B', 0)).toBeUndefined();
    expect(ring.has('@a:hs|A')).toBe(true);
  });

  it('forgets a participant who left', () => {
    const ring = new KeyRing<string>();
    ring.set('@a:hs|A', 0, 'k0');
    ring.forget('@a:hs|A');
    expect(ring.get('@a:hs|A', 0)).toBeUndefined();
    expect(ring.has('@a:hs|A')).toBe(false);
  });

  it('wraps indexes at a byte, like the frame trailer', () => {
    const ring = new KeyRing<string>();
    ring.set('p', 256, 'wrapped');
    expect(ring.get('p', 0)).toBe('wrapped');
    expect(nextKeyIndex(0)).toBe(1);
    expect(nextKeyIndex(255)).toBe(0);
  });
});
