// The rotating log file against the real file system, in a temporary folder: rotation, the size cap
// (also across restarts), many writers at once, and a folder that cannot be written.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotatingFile, type RotatingFileOptions } from '../../../../src/main/log/rotatingFile.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'relais-log-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const dir = () => path.join(root, 'profile', 'logs');
const read = (name: string) => readFileSync(path.join(dir(), name), 'utf8');
const sizeOf = (name: string) => statSync(path.join(dir(), name)).size;
const linesOf = (name: string) =>
  read(name)
    .split('\n')
    .filter((l) => l !== '');
/** Line i, padded so every line is the same size (50 bytes with its newline). */
const line = (i: number) => `line ${String(i).padStart(6, '0')} ${'x'.repeat(37)}`;

function open(options: Partial<RotatingFileOptions> = {}) {
  const errors: string[] = [];
  const file = createRotatingFile({ dir: dir(), onError: (m) => errors.push(m), ...options });
  return { file, errors };
}

describe('createRotatingFile', () => {
  it('creates the folder (owner only) and appends whole lines in order to relais.log (owner only)', async () => {
    const { file, errors } = open();
    file.write('first');
    file.write('second');
    await file.flush();
    expect(read('relais.log')).toBe('first\nsecond\n');
    expect(errors).toEqual([]);
    if (process.platform !== 'win32') {
      expect(statSync(dir()).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir(), 'relais.log')).mode & 0o777).toBe(0o600);
    }
  });

  it('rotates at the cap: relais.log, .1 … .N, never more files or bytes, the newest lines kept in order', async () => {
    const { file } = open({ maxFileBytes: 1_024, maxRotatedFiles: 2 });
    for (let i = 0; i < 400; i += 1) file.write(line(i));
    await file.flush();
    expect(readdirSync(dir()).sort()).toEqual(['relais.log', 'relais.log.1', 'relais.log.2']);
    for (const name of ['relais.log', 'relais.log.1', 'relais.log.2']) expect(sizeOf(name)).toBeLessThanOrEqual(1_024);
    // 20 lines of 50 bytes fit in 1,024: each full file holds exactly 20.
    expect(linesOf('relais.log.2')).toHaveLength(20);
    expect(linesOf('relais.log.1')).toHaveLength(20);
    const kept = [...linesOf('relais.log.2'), ...linesOf('relais.log.1'), ...linesOf('relais.log')];
    const last = 399;
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => line(last - kept.length + 1 + k)));
  });

  it('keeps no rotated file when told so', async () => {
    const { file } = open({ maxFileBytes: 1_024, maxRotatedFiles: 0 });
    for (let i = 0; i < 100; i += 1) file.write(line(i));
    await file.flush();
    expect(readdirSync(dir())).toEqual(['relais.log']);
    expect(linesOf('relais.log').at(-1)).toBe(line(99));
  });

  it('holds the cap across restarts: a new writer counts what the file already holds', async () => {
    const first = open({ maxFileBytes: 1_024, maxRotatedFiles: 1 }).file;
    for (let i = 0; i < 15; i += 1) first.write(line(i));
    await first.flush();
    expect(sizeOf('relais.log')).toBe(750);
    const second = open({ maxFileBytes: 1_024, maxRotatedFiles: 1 }).file;
    for (let i = 15; i < 25; i += 1) second.write(line(i));
    await second.flush();
    expect(linesOf('relais.log.1')).toEqual(Array.from({ length: 20 }, (_, k) => line(k)));
    expect(linesOf('relais.log')).toEqual(Array.from({ length: 5 }, (_, k) => line(20 + k)));
  });

  it('writes every line of many concurrent writers exactly once, none cut or interleaved', async () => {
    const { file } = open({ maxFileBytes: 256 * 1024, maxRotatedFiles: 8, maxPendingBytes: 4 * 1024 * 1024 });
    const writers = 40;
    const perWriter = 250;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i += 1) {
          file.write(`writer ${w} line ${i} ${'y'.repeat((w * 7 + i) % 90)}`);
          if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    await file.flush();
    const names = readdirSync(dir()).sort((a, b) =>
      (b.split('.')[2] ?? '0').localeCompare(a.split('.')[2] ?? '0', undefined, { numeric: true }),
    );
    const all = names.flatMap(linesOf);
    expect(all).toHaveLength(writers * perWriter);
    for (const text of all) expect(text).toMatch(/^writer \d+ line \d+ y*$/);
    // Per writer, in the order written.
    for (let w = 0; w < writers; w += 1) {
      const mine = all.filter((t) => t.startsWith(`writer ${w} `)).map((t) => Number(t.split(' ')[3]));
      expect(mine).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    }
    for (const name of names) expect(sizeOf(name)).toBeLessThanOrEqual(256 * 1024);
  });

  it('drops the oldest lines when the disk cannot keep up, and says how many', async () => {
    const { file } = open({ maxPendingBytes: 1_000, droppedLine: (n) => `DROPPED ${n}` });
    for (let i = 0; i < 100; i += 1) file.write(line(i));
    await file.flush();
    const lines = linesOf('relais.log');
    // The first line went straight to the disk queue; after it, only the newest 20 (1,000 bytes) fit.
    expect(lines.at(-1)).toBe(line(99));
    const note = lines.find((l) => l.startsWith('DROPPED '));
    expect(note).toBeDefined();
    expect(lines.filter((l) => l.startsWith('line ')).length + Number(note?.split(' ')[1])).toBe(100);
  });

  it('cuts a line longer than a file can hold', async () => {
    const { file } = open({ maxFileBytes: 2_048 });
    file.write('z'.repeat(10_000));
    file.write('after');
    await file.flush();
    const [long, after] = linesOf('relais.log');
    expect(Buffer.byteLength(long ?? '')).toBeLessThan(2_048);
    expect(long?.endsWith('…')).toBe(true);
    expect(after).toBe('after');
  });

  it('does not crash when the folder cannot be written, reports it once, and writes again once it can', async () => {
    // A file where the logs folder's parent should be: creating the folder fails (ENOTDIR), even as root.
    writeFileSync(path.join(root, 'profile'), 'not a folder');
    let now = 1_000_000;
    const { file, errors } = open({ now: () => now, retryAfterMs: 60_000, droppedLine: (n) => `DROPPED ${n}` });
    expect(() => {
      for (let i = 0; i < 50; i += 1) file.write(line(i));
    }).not.toThrow();
    await file.flush();
    file.write('while broken');
    await file.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^log: cannot write to .*logs \((ENOTDIR|EEXIST)\); log lines are dropped until it can$/);
    await expect(file.readRecent(10_000)).resolves.toEqual({ lines: [], truncated: false });

    // The folder becomes writable; before the retry time nothing is tried, after it lines are written.
    rmSync(path.join(root, 'profile'));
    file.write('too early');
    await file.flush();
    expect(() => statSync(dir())).toThrow();
    now += 60_001;
    file.write('back');
    await file.flush();
    expect(linesOf('relais.log')).toEqual(['DROPPED 52', 'back']);
  });

  it('reads the newest lines across files, oldest first, within a size', async () => {
    const { file } = open({ maxFileBytes: 1_024, maxRotatedFiles: 3 });
    for (let i = 0; i < 70; i += 1) file.write(line(i));
    const all = await file.readRecent(1_000_000);
    expect(all).toEqual({ lines: Array.from({ length: 70 }, (_, k) => line(k)), truncated: false });
    const recent = await file.readRecent(1_200);
    expect(recent.truncated).toBe(true);
    expect(recent.lines.at(-1)).toBe(line(69));
    expect(recent.lines).toEqual(Array.from({ length: recent.lines.length }, (_, k) => line(70 - recent.lines.length + k)));
    expect(recent.lines.length).toBeGreaterThanOrEqual(23);
    expect(recent.lines.length).toBeLessThanOrEqual(24);
  });
});
