import { describe, expect, it } from 'vitest';
import { logoType, readLogo, type LogoFileSystem } from '../../../../src/main/branding/logoFile.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const svg = (text: string) => new TextEncoder().encode(text);

function fakeFs(files: Record<string, Uint8Array | 'dir'>, size?: number): LogoFileSystem {
  const find = (path: string) => {
    const file = files[path];
    if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return file;
  };
  return {
    stat: (path) => {
      const file = find(path);
      return file === 'dir' ? { size: 4096, isFile: false } : { size: size ?? file.byteLength, isFile: true };
    },
    read: (path) => {
      const file = find(path);
      if (file === 'dir') throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      return file;
    },
  };
}

describe('logoType', () => {
  it('knows a PNG by its signature and an SVG by its root element, not by the file name', () => {
    expect(logoType(PNG)).toBe('png');
    expect(logoType(svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/></svg>'))).toBe('svg+xml');
    expect(
      logoType(
        svg(
          '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>\n</svg>\n',
        ),
      ),
    ).toBe('svg+xml');
  });

  it('refuses anything else', () => {
    for (const bytes of [
      svg('<html><svg></svg></html>'),
      svg('GIF89a'),
      svg('<svg>'), // cut short
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), // JPEG
      Uint8Array.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e]), // not UTF-8
      new Uint8Array(0),
    ]) {
      expect(logoType(bytes)).toBeNull();
    }
  });
});

describe('readLogo', () => {
  it('gives a data: URL for a PNG or an SVG', () => {
    expect(readLogo('/logo.png', fakeFs({ '/logo.png': PNG }))).toEqual({
      ok: true,
      dataUrl: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
    });
    const file = svg('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(readLogo('/logo.svg', fakeFs({ '/logo.svg': file }))).toEqual({
      ok: true,
      dataUrl: `data:image/svg+xml;base64,${Buffer.from(file).toString('base64')}`,
    });
  });

  it('says plainly why there is no logo', () => {
    expect(readLogo('/missing.svg', fakeFs({}))).toEqual({ ok: false, problem: '/missing.svg does not exist' });
    expect(readLogo('/branding', fakeFs({ '/branding': 'dir' }))).toEqual({ ok: false, problem: '/branding is not a file' });
    expect(readLogo('/big.png', fakeFs({ '/big.png': PNG }, 300 * 1024))).toEqual({
      ok: false,
      problem: '/big.png is 300 KB; a logo may be at most 256 KB',
    });
    expect(readLogo('/logo.gif', fakeFs({ '/logo.gif': svg('GIF89a') }))).toEqual({
      ok: false,
      problem: '/logo.gif is neither a PNG image nor an SVG document',
    });
    const denied: LogoFileSystem = {
      stat: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      read: () => new Uint8Array(0),
    };
    expect(readLogo('/secret.png', denied)).toEqual({ ok: false, problem: '/secret.png cannot be read (EACCES)' });
  });
});
