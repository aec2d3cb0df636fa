// The organisation logo named by machine policy (branding.logo): read once by main, checked to be a
// PNG or an SVG document of at most 256 KB by its content (not its name), and handed to the renderer
// as a data: URL, which the CSP's img-src allows. It is shown in <img>, where SVG scripts never run.
import { readFileSync, statSync } from 'node:fs';
import { LOGO_MAX_BYTES, type LogoOutcome } from '../../shared/branding/branding.ts';
import { errorCode } from '../policy/fileSystem.ts';

export interface LogoFileSystem {
  /** Size in bytes and whether it is a regular file; throws an error with a `code` when it cannot. */
  stat(path: string): { size: number; isFile: boolean };
  read(path: string): Uint8Array;
}

export const nodeLogoFileSystem: LogoFileSystem = {
  stat: (path) => {
    const stats = statSync(path);
    return { size: stats.size, isFile: stats.isFile() };
  },
  read: (path) => readFileSync(path),
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// An SVG document: an optional BOM, XML declaration, comments and doctype, then the <svg> root.
const SVG_START = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>/]/i;

/** The image type of these bytes, by their content; null when they are neither PNG nor SVG. */
export function logoType(bytes: Uint8Array): 'png' | 'svg+xml' | null {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return 'png';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return SVG_START.test(text) && /<\/svg\s*>\s*$/i.test(text) ? 'svg+xml' : null;
}

function kilobytes(size: number): string {
  return `${Math.ceil(size / 1024)} KB`;
}

export function readLogo(path: string, fs: LogoFileSystem = nodeLogoFileSystem): LogoOutcome {
  try {
    const stats = fs.stat(path);
    if (!stats.isFile) return { ok: false, problem: `${path} is not a file` };
    if (stats.size > LOGO_MAX_BYTES) {
      return { ok: false, problem: `${path} is ${kilobytes(stats.size)}; a logo may be at most ${kilobytes(LOGO_MAX_BYTES)}` };
    }
    const bytes = fs.read(path);
    // The file may have changed between stat and read.
    if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, problem: `${path} is larger than ${kilobytes(LOGO_MAX_BYTES)}` };
    const type = logoType(bytes);
    if (type === null) return { ok: false, problem: `${path} is neither a PNG image nor an SVG document` };
    return { ok: true, dataUrl: `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}` };
  } catch (error) {
    const code = errorCode(error);
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
    return { ok: false, problem: `${path} ${why}` };
  }
}
