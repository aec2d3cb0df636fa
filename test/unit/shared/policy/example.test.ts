import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodePolicyFileSystem } from '../../../../src/main/policy/fileSystem.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { printPolicy } from '../../../../src/main/policy/printPolicy.ts';
import { resolveSettings } from '../../../../src/shared/policy/resolve.ts';
import { policyDocumentSchema } from '../../../../src/shared/policy/schema.ts';
import { SETTING_KEYS } from '../../../../src/shared/policy/settings.ts';
import { leafPaths } from '../../../../src/shared/policy/schemaWalk.ts';

const EXAMPLE = 'build/policy/policy.example.json';

describe('build/policy/policy.example.json', () => {
  it('is valid against the schema', () => {
    const result = policyDocumentSchema.safeParse(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('loads as /etc/relais/policy.json would, with no problem and no notice', () => {
    const directory = mkdtempSync(join(tmpdir(), 'relais-example-'));
    try {
      writeFileSync(join(directory, 'policy.json'), readFileSync(EXAMPLE));
      const loaded = loadPolicy({ pathStyle: 'posix', policyDirectory: directory }, { fs: nodePolicyFileSystem });
      expect(loaded).toMatchObject({ status: 'valid', notices: [] });
      expect(printPolicy(loaded, new Date('2026-01-01T00:00:00Z'))).toContain(
        'teams-gw.example.gouv.fr:443 (https, wss)  Teams web gateway',
      );
      expect(resolveSettings(loaded, {}).settings.homeservers.locked).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('shows every top-level group of settings', () => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    const groups = new Set(SETTING_KEYS.map((key) => key.split('.')[0]!));
    const shown = new Set([...Object.keys(example), ...Object.keys(example.defaults as object)]);
    for (const group of groups) expect(shown.has(group), group).toBe(true);
    expect(leafPaths(policyDocumentSchema)).toContain('defaults.logLevel');
  });
});
