// Issue 13: downloads are saved under sanitised names, never over an existing file.
import { describe, expect, it } from 'vitest';
import { numberedName, sanitizeFileName } from '../../../../src/main/downloads/fileName.ts';

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../.bashrc', '_.._.bashrc'],
    ['..\\..\\Windows\\evil.dll', '_.._Windows_evil.dll'],
    ['/etc/passwd', '_etc_passwd'],
    ['C:\\x.txt', 'C__x.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u200Fb\u2066c.txt', 'abc.txt'],
    ['bell\u0007\nname.txt', 'bell__name.txt'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['COM1.tar.gz', '_COM1.tar.gz'],
    ['lpt9', '_lpt9'],
    ['console.log', 'console.log'],
    ['trailing. . ', 'trailing'],
    ['  .hidden', 'hidden'],
    ['', 'download'],
    ['...', 'download'],
    ['a<b>c:"d"|e?f*.txt', 'a_b_c__d__e_f_.txt'],
  ])('%j → %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('caps the length in UTF-8 bytes, keeping the extension and whole characters', () => {
    const long = `${'é'.repeat(300)}.pdf`;
    const safe = sanitizeFileName(long);
    expect(new TextEncoder().encode(safe).length).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
  });
});

describe('numberedName', () => {
  it('adds (1), (2)… before the extension until the name is free', () => {
    const taken = new Set(['report.pdf', 'report (1).pdf']);
    expect(numberedName('report.pdf', (n) => taken.has(n))).toBe('report (2).pdf');
    expect(numberedName('new.pdf', (n) => taken.has(n))).toBe('new.pdf');
    expect(numberedName('x', () => true, 3)).toBeNull();
  });
});
