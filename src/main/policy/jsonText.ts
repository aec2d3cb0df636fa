// Parses a policy file's JSON text and remembers where each key is, so a problem can be reported
// as "file, line, column" that an administrator can open in an editor. JSON.parse stays the judge
// of validity and produces the values; the small scanner below only records positions (and finds
// repeated keys, which JSON.parse silently resolves to the last one).

export interface TextPosition {
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units like editors and V8
}

export type JsonPath = readonly (string | number)[];

export type ParsedJsonText =
  | { ok: true; value: unknown; locate: (path: JsonPath) => TextPosition | undefined; duplicateKeys: DuplicateKey[] }
  | { ok: false; message: string; position: TextPosition };

export interface DuplicateKey {
  path: (string | number)[];
  position: TextPosition;
}

export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (const char of before) if (char === '\n') line += 1;
  return { line, column: clamped - lastNewline };
}

function offsetOfLineColumn(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/**
 * Where V8's JSON.parse stopped, from its message: "... at position 16 (line 3 column 6)" in
 * Node 20+, "... at position 16" before; some messages ("Unexpected token '}', "..." is not valid
 * JSON", "Unexpected end of JSON input") carry neither. undefined when no position can be read.
 */
export function offsetFromJsonError(message: string, text: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Number(position[1]);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn?.[1] !== undefined && lineColumn[2] !== undefined) {
    return offsetOfLineColumn(text, Number(lineColumn[1]), Number(lineColumn[2]));
  }
  if (/end of JSON input/i.test(message)) return text.length;
  return undefined;
}

/** V8's message without the position (reported separately) or the echoed file text (may hold secrets). */
function cleanJsonError(message: string): string {
  return message
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
}

class ScanError extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super('scan error');
    this.offset = offset;
  }
}

const MAX_DEPTH = 64;

/**
 * Walks JSON text that is already known to be valid and records the start of every key and array
 * element. Its errors (offset only) are used just as a fallback position when V8 gives none.
 */
class Scanner {
  private index = 0;
  readonly positions = new Map<string, number>();
  readonly duplicates: { path: (string | number)[]; offset: number }[] = [];

  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  scanDocument(): void {
    this.skipWhitespace();
    this.scanValue([], 0);
    this.skipWhitespace();
    if (this.index !== this.text.length) throw new ScanError(this.index);
  }

  private record(path: (string | number)[], offset: number): void {
    this.positions.set(JSON.stringify(path), offset);
  }

  private skipWhitespace(): void {
    while (this.index < this.text.length && ' \t\r\n'.includes(this.text.charAt(this.index))) this.index += 1;
  }

  private scanValue(path: (string | number)[], depth: number): void {
    if (depth > MAX_DEPTH) throw new ScanError(this.index);
    this.record(path, this.index);
    const char = this.text.charAt(this.index);
    if (char === '{') this.scanObject(path, depth);
    else if (char === '[') this.scanArray(path, depth);
    else if (char === '"') this.scanString();
    else this.scanBareToken();
  }

  private scanObject(path: (string | number)[], depth: number): void {
    this.index += 1;
    this.skipWhitespace();
    const seen = new Set<string>();
    if (this.text.charAt(this.index) === '}') {
      this.index += 1;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      const keyStart = this.index;
      if (this.text.charAt(this.index) !== '"') throw new ScanError(this.index);
      const key = this.scanString();
      const keyPath = [...path, key];
      if (seen.has(key)) this.duplicates.push({ path: keyPath, offset: keyStart });
      seen.add(key);
      this.skipWhitespace();
      if (this.text.charAt(this.index) !== ':') throw new ScanError(this.index);
      this.index += 1;
      this.skipWhitespace();
      this.scanValue(keyPath, depth + 1);
      // The key is where an administrator looks, so it overrides the value position just recorded.
      this.record(keyPath, keyStart);
      this.skipWhitespace();
      const next = this.text.charAt(this.index);
      this.index += 1;
      if (next === '}') return;
      if (next !== ',') throw new ScanError(this.index - 1);
    }
  }

  private scanArray(path: (string | number)[], depth: number): void {
    this.index += 1;
    this.skipWhitespace();
    if (this.text.charAt(this.index) === ']') {
      this.index += 1;
      return;
    }
    for (let element = 0; ; element += 1) {
      this.skipWhitespace();
      this.scanValue([...path, element], depth + 1);
      this.skipWhitespace();
      const next = this.text.charAt(this.index);
      this.index += 1;
      if (next === ']') return;
      if (next !== ',') throw new ScanError(this.index - 1);
    }
  }

  private scanString(): string {
    const start = this.index;
    this.index += 1;
    while (this.index < this.text.length) {
      const char = this.text.charAt(this.index);
      if (char === '\\') this.index += 2;
      else if (char === '"') {
        this.index += 1;
        return JSON.parse(this.text.slice(start, this.index)) as string;
      } else this.index += 1;
    }
    throw new ScanError(this.text.length);
  }

  private scanBareToken(): void {
    const match = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(this.text.slice(this.index, this.index + 400));
    if (!match) throw new ScanError(this.index);
    this.index += match[0].length;
  }
}

export function parseJsonText(rawText: string): ParsedJsonText {
  // A UTF-8 byte order mark (Windows Notepad adds one) is not content; editors do not count it.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const scanner = new Scanner(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let offset = offsetFromJsonError(message, text);
    if (offset === undefined) {
      try {
        scanner.scanDocument();
      } catch (scanError) {
        if (scanError instanceof ScanError) offset = scanError.offset;
      }
    }
    const cleaned = text.trim() === '' ? 'the file is empty' : cleanJsonError(message);
    return { ok: false, message: `not valid JSON: ${cleaned}`, position: positionAt(text, offset ?? text.length) };
  }
  try {
    scanner.scanDocument();
  } catch {
    // JSON.parse accepted the text, so this cannot happen; positions are a nicety, values are not.
  }
  const locate = (path: JsonPath): TextPosition | undefined => {
    for (let length = path.length; length >= 0; length -= 1) {
      const offset = scanner.positions.get(JSON.stringify(path.slice(0, length)));
      if (offset !== undefined) return positionAt(text, offset);
    }
    return undefined;
  };
  const duplicateKeys = scanner.duplicates.map(({ path, offset }) => ({ path, position: positionAt(text, offset) }));
  return { ok: true, value, locate, duplicateKeys };
}
