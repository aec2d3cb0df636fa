// Reads policy JSON files: one file, or a directory's policy.json followed by policy.d/*.json in
// name order. Absent files are simply not sources; a file that exists but cannot be read or parsed
// is a problem, never skipped.
import { parseJsonText } from './jsonText.ts';
import type { PolicyProblem, PolicySourceRead } from '../../shared/policy/types.ts';
import { describeReadError, type PolicyFileSystem } from './fileSystem.ts';
import { joinPath, type PolicyLocations } from './locations.ts';

function unreadable(source: string, message: string): PolicySourceRead {
  return { ok: false, problems: [{ kind: 'unreadable', source, message }] };
}

/**
 * null when the file does not exist, or when it exists but is not trusted as machine policy (anyone
 * but an administrator could have written it): then the reason goes to `notices`, and the file is
 * ignored as if absent, never obeyed.
 */
export function readPolicyFile(fs: PolicyFileSystem, path: string, notices: string[] = []): PolicySourceRead | null {
  if (!fs.exists(path)) return null;
  const verdict = fs.trust?.(path);
  if (verdict && !verdict.trusted) {
    notices.push(`ignored ${path}: not trusted as machine policy: ${verdict.reason}`);
    return null;
  }
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (error) {
    return unreadable(path, describeReadError(error));
  }
  // UTF-16 ("Unicode" in Notepad) read as UTF-8 shows up as NULs and replacement characters.
  if (text.includes('\u0000') || text.startsWith('\uFFFD\uFFFD')) {
    return {
      ok: false,
      problems: [
        { kind: 'syntax', source: path, line: 1, column: 1, message: 'is not UTF-8 text (saved as UTF-16?); save it as UTF-8' },
      ],
    };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ kind: 'syntax', source: path, ...parsed.position, message: parsed.message }] };
  }
  const problems: PolicyProblem[] = parsed.duplicateKeys.map(({ path: keyPath, position }) => ({
    kind: 'schema',
    source: path,
    ...position,
    keyPath: keyPath.join('.'),
    message: `key "${String(keyPath.at(-1))}" appears more than once; keep only one`,
  }));
  return {
    ok: true,
    document: {
      source: path,
      data: parsed.value,
      locate: (keyPath) => ({ source: path, ...parsed.locate(keyPath) }),
      problems,
    },
  };
}

export interface DirectoryRead {
  reads: PolicySourceRead[];
  searched: string[];
  notices: string[];
}

/**
 * policy.json first, then policy.d/*.json sorted by name in code-unit order (like `LC_ALL=C ls`,
 * independent of the machine's locale), so "10-servers.json" is overridden by "20-calls.json".
 * Hidden files and names not ending in ".json" (editor backups, dpkg leftovers) are not policy.
 */
export function readPolicyDirectory(
  fs: PolicyFileSystem,
  directory: string,
  pathStyle: PolicyLocations['pathStyle'],
): DirectoryRead {
  const mainFile = joinPath(pathStyle, directory, 'policy.json');
  const fragments = joinPath(pathStyle, directory, 'policy.d');
  const result: DirectoryRead = { reads: [], searched: [mainFile, joinPath(pathStyle, fragments, '*.json')], notices: [] };
  const main = readPolicyFile(fs, mainFile, result.notices);
  if (main) result.reads.push(main);
  if (!fs.exists(fragments)) return result;
  let names: string[];
  try {
    names = fs.readdir(fragments);
  } catch (error) {
    result.reads.push(unreadable(fragments, describeReadError(error)));
    return result;
  }
  const policyNames = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const skipped = names.filter((name) => !policyNames.includes(name));
  if (skipped.length > 0)
    result.notices.push(`ignored in ${fragments} (only *.json files are read): ${skipped.sort().join(', ')}`);
  for (const name of policyNames) {
    const path = joinPath(pathStyle, fragments, name);
    const noticesBefore = result.notices.length;
    const read = readPolicyFile(fs, path, result.notices);
    if (read) result.reads.push(read);
    // Listed a moment ago but gone now: report it rather than pretend it never existed.
    else if (result.notices.length === noticesBefore) result.reads.push(unreadable(path, 'disappeared while being read'));
  }
  return result;
}
