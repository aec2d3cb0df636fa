// A size-capped, rotating log file (plain Node, no Electron): `relais.log`, then `relais.log.1` …
// `relais.log.N`, oldest last. When the current file would pass its cap it becomes `.1` and the
// oldest goes, so the folder never holds more than (N + 1) × maxFileBytes.
//
// Writing never throws and never blocks: lines queue in memory (within a cap; the oldest are dropped
// and counted when the disk cannot keep up) and one loop writes them in order, so concurrent writers
// never interleave. When the folder cannot be written, the failure is reported once and lines are
// dropped; writing is tried again a minute later.
import { appendFile, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** Default `relais.log`. */
  baseName?: string;
  /** Cap of each file, in bytes. Default 1 MiB. */
  maxFileBytes?: number;
  /** How many rotated files are kept beside the current one. Default 4 (so 5 MiB in all). */
  maxRotatedFiles?: number;
  /** Lines waiting for the disk, in bytes; beyond it the oldest are dropped. Default 512 KiB. */
  maxPendingBytes?: number;
  /** After a failed write, how long lines are dropped before writing is tried again. Default 60 s. */
  retryAfterMs?: number;
  /** The line written in place of lines that were dropped. */
  droppedLine?: (count: number) => string;
  /** Told once per kind of failure (and again after a recovery), never with a line's content. */
  onError?: (message: string) => void;
  now?: () => number;
}

export interface RotatingFile {
  /** Queues one line (no newline); never throws. */
  write(line: string): void;
  /** Resolves once every line written so far is on disk, or dropped. */
  flush(): Promise<void>;
  /** The newest lines, oldest first, within about maxBytes, across the current and rotated files. */
  readRecent(maxBytes: number): Promise<{ lines: string[]; truncated: boolean }>;
  /** Paths of the current file and the rotated ones, newest first (whether they exist or not). */
  readonly files: readonly string[];
  readonly dir: string;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ROTATED_FILES = 4;

/** Bytes per write: enough to drain a burst quickly, small enough to rotate on time. */
const CHUNK_BYTES = 64 * 1024;

export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  const baseName = options.baseName ?? 'relais.log';
  const maxFileBytes = Math.max(1_024, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const maxRotated = Math.max(0, Math.floor(options.maxRotatedFiles ?? DEFAULT_MAX_ROTATED_FILES));
  const maxPendingBytes = options.maxPendingBytes ?? 512 * 1024;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const droppedLine = options.droppedLine ?? ((count: number) => `[${count} log lines dropped]`);
  const current = path.join(options.dir, baseName);
  const files = [current, ...Array.from({ length: maxRotated }, (_, i) => `${current}.${i + 1}`)];
  // No single line may exceed a file: it would rotate forever.
  const maxLineBytes = Math.min(maxFileBytes - 64, 64 * 1024);

  let pending: string[] = [];
  let pendingBytes = 0;
  let dropped = 0;
  /** Size of the current file; null until it has been looked at (the folder may not exist yet). */
  let size: number | null = null;
  let failedUntil = 0;
  const reported = new Set<string>();
  let draining: Promise<void> | null = null;

  const report = (kind: string, message: string) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    options.onError?.(message);
  };

  const dropAll = () => {
    dropped += pending.length;
    pending = [];
    pendingBytes = 0;
  };

  async function prepare(): Promise<number> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    try {
      return (await stat(current)).size;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  }

  async function rotate(): Promise<void> {
    if (maxRotated === 0) {
      await unlink(current).catch(ignoreMissing);
      return;
    }
    await unlink(files[maxRotated] ?? '').catch(ignoreMissing);
    for (let i = maxRotated - 1; i >= 0; i -= 1) {
      await rename(files[i] ?? '', files[i + 1] ?? '').catch(ignoreMissing);
    }
  }

  /** Takes queued lines for one write that fits in the current file (a fresh file takes at least one). */
  function takeChunk(room: number): string {
    let text = '';
    let bytes = 0;
    if (dropped > 0) {
      const note = `${droppedLine(dropped)}\n`;
      const noteBytes = Buffer.byteLength(note);
      if (noteBytes <= room) {
        text = note;
        bytes = noteBytes;
        dropped = 0;
      }
    }
    while (pending.length > 0) {
      const line = pending[0] ?? '';
      const lineBytes = Buffer.byteLength(line);
      if (bytes + lineBytes > Math.min(room, CHUNK_BYTES) && bytes > 0) break;
      if (lineBytes > room) break;
      pending.shift();
      pendingBytes -= lineBytes;
      text += line;
      bytes += lineBytes;
    }
    return text;
  }

  async function drain(): Promise<void> {
    while (pending.length > 0 || dropped > 0) {
      if (now() < failedUntil) {
        dropAll();
        return;
      }
      try {
        size ??= await prepare();
        let chunk = takeChunk(maxFileBytes - size);
        if (chunk === '') {
          // The next line does not fit in what is left of this file.
          await rotate();
          size = 0;
          chunk = takeChunk(maxFileBytes);
        }
        if (chunk === '') return;
        await appendFile(current, chunk, { encoding: 'utf8', mode: 0o600 });
        size += Buffer.byteLength(chunk);
        if (reported.size > 0) reported.clear();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        report(code, `log: cannot write to ${options.dir} (${code}); log lines are dropped until it can`);
        failedUntil = now() + retryAfterMs;
        size = null;
        dropAll();
        return;
      }
    }
  }

  function schedule(): Promise<void> {
    draining ??= drain().finally(() => {
      draining = null;
      // Lines written while the last write was in flight, but not while writing is failing.
      if (pending.length > 0 && now() >= failedUntil) void schedule();
    });
    return draining;
  }

  return {
    dir: options.dir,
    files,
    write(line) {
      let text = line;
      if (Buffer.byteLength(text) > maxLineBytes) text = `${truncateBytes(text, maxLineBytes - 3)}…`;
      if (now() < failedUntil) {
        dropped += 1;
        return;
      }
      pending.push(`${text}\n`);
      pendingBytes += Buffer.byteLength(text) + 1;
      while (pendingBytes > maxPendingBytes && pending.length > 1) {
        pendingBytes -= Buffer.byteLength(pending.shift() ?? '');
        dropped += 1;
      }
      void schedule();
    },
    async flush() {
      while (draining) await draining;
    },
    async readRecent(maxBytes) {
      while (draining) await draining;
      const parts: string[] = [];
      let total = 0;
      let truncated = false;
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          // A rotated file that does not exist (yet) ends the history; an unreadable one too.
          if (!isMissing(error)) report('read', `log: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
          break;
        }
        if (total + text.length > maxBytes) {
          const kept = text.slice(text.length - (maxBytes - total));
          // Start at a whole line.
          parts.unshift(kept.slice(kept.indexOf('\n') + 1));
          truncated = true;
          break;
        }
        parts.unshift(text);
        total += text.length;
      }
      const lines = parts
        .join('')
        .split('\n')
        .filter((l) => l !== '');
      return { lines, truncated };
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}

function truncateBytes(text: string, maxBytes: number): string {
  let out = text.slice(0, maxBytes);
  while (Buffer.byteLength(out) > maxBytes) out = out.slice(0, -1);
  return out;
}
