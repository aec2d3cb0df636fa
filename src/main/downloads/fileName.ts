// A file name the sender chose, made safe to save on any of our platforms. The name arrives from
// another user (an attachment's body) or a server (Content-Disposition), so it may try to climb out
// of the download folder, hide its real extension behind bidi controls ("invoice\u202Efdp.exe"
// shows as "invoiceexe.pdf"), or use a name Windows reserves for devices.

const MAX_NAME_BYTES = 200; // under every file system's 255-byte limit, leaving room for " (12)"
const FALLBACK = 'download';
// Control characters, and characters Windows refuses in names (separators included). Matching
// control characters is the point here.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;
// Bidi embedding, override and isolate controls, marks, and invisible separators.
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Length(out + char) > max) break;
    out += char;
  }
  return out;
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  // A leading dot is part of the name (".bashrc"); a long "extension" is not one.
  if (dot <= 0 || name.length - dot > 16) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC').replace(BIDI_AND_INVISIBLE, '').replace(FORBIDDEN, '_');
  // Windows drops trailing dots and spaces (so "a.exe." is "a.exe"); leading ones hide files.
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') return FALLBACK;
  const [base, extension] = splitExtension(name);
  // "CON", "con.txt", "COM1.tar.gz": reserved whatever the extension.
  const stem = base.split('.')[0] ?? base;
  const safeBase = RESERVED.test(stem.trim()) ? `_${base}` : base;
  if (utf8Length(safeBase + extension) <= MAX_NAME_BYTES) return safeBase + extension;
  const cut = cutBytes(safeBase, MAX_NAME_BYTES - utf8Length(extension)).replace(/[\s.]+$/, '');
  return (cut === '' ? FALLBACK : cut) + cutBytes(extension, MAX_NAME_BYTES);
}

/** "report.pdf", then "report (1).pdf", "report (2).pdf", ...: never an existing file. */
export function numberedName(name: string, taken: (candidate: string) => boolean, limit = 10_000): string | null {
  if (!taken(name)) return name;
  const [base, extension] = splitExtension(name);
  for (let n = 1; n <= limit; n += 1) {
    const candidate = `${base} (${n})${extension}`;
    if (!taken(candidate)) return candidate;
  }
  return null;
}
