// Folders say what they hold (issue 15.4). src/shared holds only what at least two deployables use:
// the main process, the preload, the renderer, the SFU, or the web build's server; a module only one
// of them reaches belongs in that one's folder, where the reader looks for it first. test/unit
// mirrors src/ and sfu/src/, so a module's tests are found by its path.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => normalize(join(dirname(file), match[1]!)));
}

/** Every file `roots` import, directly or through others. */
function reachable(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...importsOf(file).filter((target) => /\.tsx?$/.test(target)));
  }
  return seen;
}

const DEPLOYABLES: Record<string, readonly string[]> = {
  main: sourceFiles('src/main'),
  preload: sourceFiles('src/preload'),
  renderer: sourceFiles('src/renderer'),
  sfu: sourceFiles('sfu/src'),
  'web server': ['scripts/webServer.ts', 'scripts/serve-web.ts'],
};

describe('src/shared', () => {
  it('holds only modules that at least two deployables import', () => {
    const reach = Object.entries(DEPLOYABLES).map(([name, roots]) => [name, reachable(roots)] as const);
    const single = sourceFiles('src/shared').flatMap((file) => {
      const users = reach.filter(([, files]) => files.has(file)).map(([name]) => name);
      return users.length >= 2 ? [] : [`${file}: ${users.join(', ') || 'nobody'}`];
    });
    expect(single).toEqual([]);
  });
});

describe('test/unit', () => {
  it('mirrors src/ and sfu/src/: every test sits in a folder that exists there (build/ and support/ aside)', () => {
    const misplaced = sourceFiles('test/unit')
      .filter((file) => /\.test\.tsx?$/.test(file))
      .map((file) => dirname(relative('test/unit', file)))
      .filter((dir) => dir !== 'build' && dir !== 'support')
      .filter(
        (dir) => !existsSync(join(ROOT, dir === 'sfu' || dir.startsWith('sfu/') ? `sfu/src${dir.slice(3)}` : `src/${dir}`)),
      );
    expect([...new Set(misplaced)]).toEqual([]);
  });
});
