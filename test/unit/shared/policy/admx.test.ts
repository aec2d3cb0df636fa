// The Group Policy templates must be well-formed, must only write values the policy schema knows
// (registry key Software\Policies\Relais, subkeys for objects, valueName = key), must cover every
// setting, and must have every string and presentation in both languages. The last test plays
// Group Policy: it writes the example policy into a fake registry the way the ADMX would, and
// checks the loader reads back the same document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { policyDocumentSchema } from '../../../../src/shared/policy/schema.ts';
import { SETTING_KEYS, USER_SETTABLE_KEYS } from '../../../../src/shared/policy/settings.ts';
import { schemaAt, schemaKind, unwrapSchema } from '../../../../src/shared/policy/schemaWalk.ts';
import { fakeFs, fakeRegistry } from '../../support/policyFakes.ts';
import { ROOT_KEY, groupPolicyTree, writesOf, type ElementKind } from '../../support/admxWrites.ts';
import { findAll, parseXml, type XmlElement } from '../../support/xml.ts';

const read = (path: string) => readFileSync(path, 'utf8');
const admx = parseXml(read('build/policy/relais.admx'));
const admls = {
  'en-US': parseXml(read('build/policy/en-US/relais.adml')),
  'fr-FR': parseXml(read('build/policy/fr-FR/relais.adml')),
};

const policies = findAll(admx, 'policy');
const writes = policies.flatMap(writesOf);

describe('ADMX/ADML templates', () => {
  it('are well-formed XML with the Group Policy root elements', () => {
    expect(admx.name).toBe('policyDefinitions');
    for (const adml of Object.values(admls)) expect(adml.name).toBe('policyDefinitionResources');
    expect(policies.length).toBeGreaterThan(20);
  });

  it('declare machine policies under Software\\Policies\\Relais only, each in a defined category', () => {
    const categories = new Set(findAll(admx, 'category').map((c) => c.attributes.name));
    const supported = new Set(findAll(admx, 'definition').map((d) => d.attributes.name));
    for (const policy of policies) {
      expect(policy.attributes.class, policy.attributes.name).toBe('Machine');
      const parent = policy.children.find((c) => c.name === 'parentCategory')?.attributes.ref;
      expect(categories.has(parent), `${policy.attributes.name} category`).toBe(true);
      const supportedOn = policy.children.find((c) => c.name === 'supportedOn')?.attributes.ref;
      expect(supported.has(supportedOn), `${policy.attributes.name} supportedOn`).toBe(true);
    }
    for (const category of findAll(admx, 'parentCategory')) expect(categories.has(category.attributes.ref)).toBe(true);
  });

  it('write only schema keys, each with a fitting registry type', () => {
    for (const write of writes) {
      const path = write.keyPath.split('.');
      const recommended = path[0] === 'defaults';
      const setting = (recommended ? path.slice(1) : path).join('.');
      const allowed: readonly string[] = recommended ? USER_SETTABLE_KEYS : SETTING_KEYS;
      expect(allowed, `${write.policy} writes ${write.keyPath}`).toContain(setting);
      const schema = schemaAt(policyDocumentSchema, path)!;
      const kind = schemaKind(schema);
      const fits: Record<ElementKind, string[]> = {
        boolean: ['boolean'],
        multiText: ['array'],
        enum: ['string'],
        text: ['string', 'array', 'record', 'object'],
      };
      expect(fits[write.kind], `${write.policy}: ${write.kind} for a ${kind}`).toContain(kind);
      if (write.kind === 'enum')
        expect(write.enumValues, write.policy).toEqual((unwrapSchema(schema) as unknown as { options: string[] }).options);
    }
  });

  it('cover every setting, and every user-changeable one as a recommendation too, once each', () => {
    const paths = writes.map((w) => w.keyPath);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((p) => !p.startsWith('defaults.')).sort()).toEqual([...SETTING_KEYS].sort());
    expect(paths.filter((p) => p.startsWith('defaults.')).sort()).toEqual(USER_SETTABLE_KEYS.map((k) => `defaults.${k}`).sort());
  });

  it('define every string and presentation they use, in both languages', () => {
    const admxText = read('build/policy/relais.admx');
    const strings = new Set([...admxText.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!));
    const presentations = new Set([...admxText.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!));
    for (const [language, adml] of Object.entries(admls)) {
      const defined = new Set(findAll(adml, 'string').map((s) => s.attributes.id));
      const shown = new Map(findAll(adml, 'presentation').map((p) => [p.attributes.id, p]));
      for (const id of strings) expect(defined.has(id), `${language}: string ${id}`).toBe(true);
      for (const id of presentations) expect(shown.has(id), `${language}: presentation ${id}`).toBe(true);
      for (const id of defined) expect(strings.has(id!), `${language}: unused string ${id}`).toBe(true);
      for (const s of findAll(adml, 'string')) expect(s.text.trim(), `${language}: ${s.attributes.id}`).not.toBe('');
      // Every element a policy shows has a control bound to it (refId = element id).
      for (const policy of policies) {
        const ids = findAll(policy, 'elements').flatMap((e) => e.children.map((c) => c.attributes.id));
        const presentation = /\$\(presentation\.(.+)\)/.exec(policy.attributes.presentation ?? '')?.[1];
        const refIds = presentation === undefined ? [] : shown.get(presentation)!.children.map((c) => c.attributes.refId);
        expect(refIds.sort(), `${language}: ${policy.attributes.name}`).toEqual(ids.sort());
      }
    }
    const ids = (adml: XmlElement) => findAll(adml, 'string').map((s) => s.attributes.id);
    expect(ids(admls['fr-FR'])).toEqual(ids(admls['en-US']));
  });

  it('round-trip: the example policy written as Group Policy would write it loads back unchanged', () => {
    const example = JSON.parse(read('build/policy/policy.example.json')) as Record<string, unknown>;
    const root = groupPolicyTree(writes, example);
    const loaded = loadPolicy(
      { pathStyle: 'win32', registryKey: `HKLM\\${ROOT_KEY}` },
      { fs: fakeFs({}), registry: fakeRegistry({ [`HKLM\\${ROOT_KEY}`]: root }) },
    );
    const expected = Object.fromEntries(Object.entries(example).filter(([key]) => !key.startsWith('$')));
    expect(loaded.status === 'valid' && loaded.document).toEqual(expected);
  });
});
