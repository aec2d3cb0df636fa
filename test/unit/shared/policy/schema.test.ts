import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../../../src/main/policy/jsonSchema.ts';
import { valueAtPath } from '../../../../src/shared/policy/resolve.ts';
import { defaultsSchema, policyDocumentSchema, policySettingsSchema } from '../../../../src/shared/policy/schema.ts';
import { builtInDefaults, SETTING_KEYS, USER_SETTABLE_KEYS } from '../../../../src/shared/policy/settings.ts';
import { leafPaths } from '../../../../src/shared/policy/schemaWalk.ts';
import { matching } from '../../support/policyFakes.ts';

function issues(document: Record<string, unknown>): string[] {
  const result = policyDocumentSchema.safeParse({ policyVersion: 1, ...document });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const TENANT = '8c3e4f5a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';

describe('policy schema structure', () => {
  it('SETTING_KEYS lists exactly the settings the schema defines', () => {
    expect([...SETTING_KEYS].sort()).toEqual(leafPaths(policySettingsSchema).sort());
  });

  it('USER_SETTABLE_KEYS are exactly the keys `defaults` accepts', () => {
    expect([...USER_SETTABLE_KEYS].sort()).toEqual(leafPaths(defaultsSchema).sort());
  });

  it('has a built-in default for every setting, and managed installs do not update themselves', () => {
    for (const key of SETTING_KEYS) expect(valueAtPath(builtInDefaults(true), key), key).not.toBeUndefined();
    expect(builtInDefaults(true).autoUpdate.enabled).toBe(false);
    expect(builtInDefaults(false).autoUpdate.enabled).toBe(true);
  });
});

describe('JSON Schema export', () => {
  it('is versioned, strict, and identical to build/policy/relais-policy.schema.json', () => {
    const schema = policyJsonSchema();
    expect(schema).toMatchObject({ additionalProperties: false, required: ['policyVersion'], $id: matching(/policy-v1/) });
    expect(schema.properties).toMatchObject({ policyVersion: { const: 1 } });
    const onDisk: unknown = JSON.parse(readFileSync('build/policy/relais-policy.schema.json', 'utf8'));
    // Regenerate with: node --input-type=module -e "import {policyJsonSchema} from './src/main/policy/jsonSchema.ts';
    //   console.log(JSON.stringify(policyJsonSchema(), null, 2))" > build/policy/relais-policy.schema.json && npx prettier --write build/policy
    expect(onDisk).toEqual(schema);
  });

  it('describes every key for editors', () => {
    const text = JSON.stringify(policyJsonSchema());
    for (const key of SETTING_KEYS) expect(text).toContain(`"${key.split('.').at(-1)!}"`);
  });
});

describe('policy schema rules', () => {
  it('accepts a minimal document and rejects a missing or different version', () => {
    expect(issues({})).toEqual([]);
    expect(policyDocumentSchema.safeParse({}).success).toBe(false);
    expect(issues({ policyVersion: 2 })).toEqual(['policyVersion: must be 1']);
  });

  it('rejects unknown keys at every level', () => {
    expect(issues({ homeserver: ['https://a.example'] })).toEqual([': Unrecognized key: "homeserver"']);
    expect(issues({ calls: { sfu: 'https://a.example' } })).toEqual(['calls: Unrecognized key: "sfu"']);
    expect(issues({ teamsBridge: { modes: { '*': { mode: 'block', extra: 1 } } } })).toEqual([
      'teamsBridge.modes.*: Unrecognized key: "extra"',
    ]);
  });

  it('requires TLS URLs without credentials, query or fragment (plain http only on loopback)', () => {
    expect(issues({ homeservers: ['https://matrix.example.org', 'http://localhost:8008', 'http://[::1]:8008'] })).toEqual([]);
    expect(issues({ homeservers: ['http://matrix.example.org'] })).toHaveLength(1);
    expect(issues({ homeservers: ['https://user:pw@matrix.example.org'] })[0]).toMatch(/user name or password/);
    expect(issues({ homeservers: ['https://matrix.example.org/?a=1'] })[0]).toMatch(/"\?" or "#"/);
    expect(issues({ homeservers: ['matrix.example.org'] })[0]).toMatch(/absolute URL/);
    expect(issues({ homeservers: [] })[0]).toMatch(/at least one/);
    expect(issues({ calls: { sfuUrl: 'wss://sfu.example.org' } })).toEqual([]);
  });

  it('checks Teams templates: known placeholders only, none in the gateway host', () => {
    const mode = (entry: Record<string, unknown>) => issues({ teamsBridge: { modes: { [TENANT]: entry } } });
    expect(
      mode({ mode: 'gateway', webGatewayUrlTemplate: 'https://gw.example/{tenantId}/{meetingId}?p={passcode}#{threadId}' }),
    ).toEqual([]);
    expect(mode({ mode: 'gateway', sipUriTemplate: 'sip:{meetingId}.{passcode}@gw.example' })).toEqual([]);
    expect(mode({ mode: 'gateway', sipUriTemplate: 'sip:{meeting}@gw.example' })[0]).toMatch(/unknown placeholder \{meeting\}/);
    expect(mode({ mode: 'gateway', webGatewayUrlTemplate: 'https://{tenantId}.gw.example/join' })[0]).toMatch(/not in the host/);
    expect(mode({ mode: 'gateway', webGatewayUrlTemplate: 'http://gw.example/{meetingId}' })[0]).toMatch(/https/);
    expect(mode({ mode: 'gateway', webGatewayUrlTemplate: 'https://gw.example/{meetingId' })[0]).toMatch(/unmatched/);
    expect(mode({ mode: 'gateway' })[0]).toMatch(/needs sipUriTemplate or webGatewayUrlTemplate/);
    expect(mode({ mode: 'teleport' })[0]).toMatch(/Invalid option/);
  });

  it('checks tenant IDs and the sunset date', () => {
    expect(
      issues({ teamsBridge: { tenantsAllowlist: [TENANT], sunset: '2027-06-30', modes: { '*': { mode: 'browser' } } } }),
    ).toEqual([]);
    expect(issues({ teamsBridge: { tenantsAllowlist: ['contoso'] } })[0]).toMatch(/tenant ID/);
    expect(issues({ teamsBridge: { modes: { contoso: { mode: 'block' } } } })[0]).toMatch(
      /^teamsBridge.modes.contoso: Invalid key/,
    );
    expect(issues({ teamsBridge: { sunset: '2027-02-30' } })[0]).toMatch(/YYYY-MM-DD/);
  });

  it('checks ICE servers: URI syntax, and credentials for TURN', () => {
    expect(issues({ calls: { iceServers: [{ urls: 'stun:stun.example.org' }] } })).toEqual([]);
    expect(
      issues({ calls: { iceServers: [{ urls: ['turns:t.example.org:443?transport=tcp'], username: 'u', credential: 'c' }] } }),
    ).toEqual([]);
    expect(issues({ calls: { iceServers: [{ urls: 'turn:t.example.org' }] } })[0]).toMatch(/need username and credential/);
    expect(issues({ calls: { iceServers: [{ urls: 'https://t.example.org' }] } })[0]).toMatch(/stun:, stuns:, turn: or turns:/);
  });

  it('accepts only plain hosts in allowedEgressHosts', () => {
    expect(issues({ allowedEgressHosts: ['a.example.org', 'b.example.org:8448', '[2001:db8::1]:443'] })).toEqual([]);
    for (const bad of ['*.example.org', 'https://a.example.org', 'a.example.org/path', 'user@a.example.org', '']) {
      expect(issues({ allowedEgressHosts: [bad] }), bad).toHaveLength(1);
    }
  });

  it('keeps administrator-only keys out of `defaults`', () => {
    expect(issues({ defaults: { logLevel: 'debug', homeservers: ['https://a.example'] } })).toEqual([]);
    expect(issues({ defaults: { allowedEgressHosts: ['evil.example'] } })).toEqual([
      'defaults: Unrecognized key: "allowedEgressHosts"',
    ]);
  });

  it('refuses allowCustomHomeserver: true next to a mandatory homeserver list', () => {
    expect(issues({ homeservers: ['https://a.example'], allowCustomHomeserver: true })[0]).toMatch(
      /^allowCustomHomeserver: .*defaults\.homeservers/,
    );
    expect(issues({ defaults: { homeservers: ['https://a.example'] }, allowCustomHomeserver: true })).toEqual([]);
  });

  it('checks download folders and language tags', () => {
    for (const good of ['/srv/downloads', '~/Downloads', 'C:\\Users\\Public', '\\\\server\\share']) {
      expect(issues({ downloadFolder: good }), good).toEqual([]);
    }
    expect(issues({ downloadFolder: 'Downloads' })[0]).toMatch(/absolute path/);
    expect(issues({ spellcheck: { languages: ['fr-FR', 'en'] } })).toEqual([]);
    expect(issues({ spellcheck: { languages: ['French'] } })[0]).toMatch(/language tag/);
  });
});
