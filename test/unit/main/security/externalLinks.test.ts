import { describe, expect, it } from 'vitest';
import { externalLinkTarget } from '../../../../src/main/security/externalLinks.ts';

describe('externalLinkTarget', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['https://example.org/path?q=1#frag', 'https://example.org/path?q=1#frag'],
    ['http://example.org/', 'http://example.org/'],
    ['HTTPS://EXAMPLE.org/A', 'https://example.org/A'],
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['mailto:agent@example.gouv.fr', 'mailto:agent@example.gouv.fr'],
    ['mailto:a@example.org?subject=Hi', 'mailto:a@example.org?subject=Hi'],
    ['https://xn--caf-dma.example/', 'https://xn--caf-dma.example/'],
    ['https://café.example/', 'https://xn--caf-dma.example/'],
  ])('allows %s as %s', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['javascript, mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript with leading space', ' javascript:alert(1)'],
    ['javascript with tab inside', 'java\tscript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['file on a share', 'file://server/share/x.exe'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['blob', 'blob:https://example.org/uuid'],
    ['app scheme', 'relais://app/index.html'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['custom scheme with authority', 'steam://run/123'],
    ['smb', 'smb://server/share'],
    ['ftp', 'ftp://example.org/'],
    ['about', 'about:blank'],
    ['chrome', 'chrome://settings'],
    ['credentials', 'https://user:pass@example.org/'],
    ['username only', 'https://bank.example@evil.example/'],
    ['password only', 'https://:pw@example.org/'],
    ['relative', '/path'],
    ['protocol-relative', '//evil.example/'],
    ['garbage', 'not a url'],
    ['empty', ''],
    ['over-long', `https://example.org/${'a'.repeat(8192)}`],
  ])('refuses %s', (_label, url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it('allows a URL of exactly 8192 characters and refuses 8193', () => {
    const prefix = 'https://example.org/';
    const exact = prefix + 'a'.repeat(8192 - prefix.length);
    expect(exact).toHaveLength(8192);
    expect(externalLinkTarget(exact)).toBe(exact);
    expect(externalLinkTarget(exact + 'a')).toBeNull();
  });

  it('never returns a URL whose scheme is not http, https or mailto', () => {
    const inputs = ['https://x.example', 'javascript:x', 'mailto:a@b.c', 'file:///x', 'http://y.example', 'data:,x'];
    for (const input of inputs) {
      const target = externalLinkTarget(input);
      if (target !== null) expect(new URL(target).protocol).toMatch(/^(https?|mailto):$/);
    }
  });
});
