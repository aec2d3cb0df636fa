import { describe, expect, it } from 'vitest';
import { matrixEventUri, serverOf, viaServers } from '../../../../src/renderer/matrix/permalink.ts';

describe('matrixEventUri', () => {
  it('writes a matrix: URI without the sigils, with via servers', () => {
    expect(matrixEventUri('!abc:example.org', '$ev_1-x', ['example.org', 'gouv.fr'])).toBe(
      'matrix:roomid/abc:example.org/e/ev_1-x?via=example.org&via=gouv.fr',
    );
  });
  it('percent-encodes what a path segment cannot hold, keeping : and @', () => {
    expect(matrixEventUri('!a/b:hs', '$x+y/z', [])).toBe('matrix:roomid/a%2Fb:hs/e/x%2By%2Fz');
  });
  it('never points at matrix.to', () => {
    expect(matrixEventUri('!r:hs', '$e', ['hs'])).not.toContain('matrix.to');
  });
});

describe('viaServers', () => {
  it('puts the most powerful member’s server first, then by population, three at most', () => {
    const members = [
      { userId: '@a:big.org', powerLevel: 0 },
      { userId: '@b:big.org', powerLevel: 0 },
      { userId: '@c:mid.org', powerLevel: 0 },
      { userId: '@admin:small.org', powerLevel: 100 },
      { userId: '@d:tiny.org', powerLevel: 0 },
    ];
    expect(viaServers(members)).toEqual(['small.org', 'big.org', 'mid.org']);
  });
  it('leaves out IP literals', () => {
    expect(
      viaServers([
        { userId: '@a:10.0.0.1:8448', powerLevel: 100 },
        { userId: '@b:hs.fr', powerLevel: 0 },
      ]),
    ).toEqual(['hs.fr']);
  });
  it('reads the server after the first colon', () => {
    expect(serverOf('@a:hs.fr:8448')).toBe('hs.fr:8448');
  });
});
