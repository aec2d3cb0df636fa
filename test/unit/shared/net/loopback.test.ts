import { describe, expect, it } from 'vitest';
import { isLoopbackHost, LOOPBACK_HOSTS, normalizeHostname } from '../../../../src/shared/net/loopback.ts';

describe('loopback hosts', () => {
  it('names this machine as the URL parser writes it', () => {
    expect([...LOOPBACK_HOSTS].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(new URL('http://[::1]:8008').hostname).toBe('[::1]');
    expect(LOOPBACK_HOSTS.has(new URL('http://LOCALHOST:8008').hostname)).toBe(true);
  });

  it('accepts loopback hosts case-insensitively and with a trailing dot', () => {
    for (const host of ['localhost', 'LocalHost', 'localhost.', '127.0.0.1', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
  });

  it('refuses everything else, including look-alikes', () => {
    for (const host of ['example.org', 'localhost.example.org', '127.0.0.2', '::1', '[::2]', '0.0.0.0', '']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('normalizes host names', () => {
    expect(normalizeHostname('Example.ORG.')).toBe('example.org');
    expect(normalizeHostname('example.org')).toBe('example.org');
  });
});
