import { describe, expect, it } from 'vitest';
import {
  createEgressFilter,
  effectiveEgress,
  egressFilterFor,
  egressFilterFromRules,
  egressRulesOf,
  type EgressRules,
} from '../../../../src/shared/policy/egress.ts';
import { evaluatePolicy } from '../../../../src/main/policy/evaluate.ts';
import { parseHostEntry, parseIceUri } from '../../../../src/shared/policy/hosts.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import { matching } from '../../support/policyFakes.ts';

const TENANT = '8c3e4f5a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';

function policy(document: Record<string, unknown>): LoadedPolicy {
  const locate = () => ({ source: 'test.json' });
  return evaluatePolicy([{ ok: true, document: { source: 'test.json', data: { policyVersion: 1, ...document }, locate } }], {
    searched: [],
  });
}

describe('createEgressFilter', () => {
  const filter = createEgressFilter([
    { url: 'https://matrix.example.org', purpose: 'homeserver' },
    { url: 'https://sfu.example.org:8443/livekit', purpose: 'call SFU' },
    'files.example.org',
  ]);

  it('allows configured hosts over https and wss, with the reason', () => {
    expect(filter.decide('https://matrix.example.org/_matrix/client/v3/sync?access_token=secret')).toEqual({
      allowed: true,
      reason: 'allowed: https://matrix.example.org:443 (homeserver)',
    });
    expect(filter.decide('wss://matrix.example.org/socket').allowed).toBe(true);
    expect(filter.decide('wss://sfu.example.org:8443/rtc').allowed).toBe(true);
    expect(filter.decide('https://files.example.org/a').allowed).toBe(true);
  });

  it('never puts the path or query in the reason', () => {
    expect(filter.decide('https://other.example/secret-path?token=abc').reason).toBe(
      'blocked: https://other.example:443 is not an allowed host',
    );
  });

  it('compares ports, defaulting by scheme', () => {
    expect(filter.decide('https://matrix.example.org:443/').allowed).toBe(true);
    expect(filter.decide('https://matrix.example.org:8448/').allowed).toBe(false);
    expect(filter.decide('http://matrix.example.org/').allowed).toBe(false);
    expect(filter.decide('https://sfu.example.org/').allowed).toBe(false);
  });

  it('rejects look-alikes: suffixes, prefixes, credentials tricks, similar names', () => {
    for (const url of [
      'https://matrix.example.org.evil.example/',
      'https://evilmatrix.example.org/',
      'https://evil.example/matrix.example.org',
      'https://matrix.example.org@evil.example/',
      'https://matrix-example.org/',
      'https://example.org/',
      'https://sub.matrix.example.org/',
    ]) {
      expect(filter.decide(url), url).toMatchObject({ allowed: false });
    }
  });

  it('normalises case, a trailing dot and IDN before comparing', () => {
    expect(filter.decide('https://MATRIX.Example.ORG./x').allowed).toBe(true);
    const idn = createEgressFilter(['bücher.example']);
    expect(idn.decide('https://xn--bcher-kva.example/').allowed).toBe(true);
    expect(idn.decide('https://BÜCHER.example/').allowed).toBe(true);
    expect(idn.decide('https://bucher.example/').allowed).toBe(false);
  });

  it('handles IP literals by their canonical form', () => {
    const ips = createEgressFilter(['127.0.0.1:8008', '[::1]:8008']);
    expect(ips.decide('http://127.0.0.1:8008/').allowed).toBe(true);
    expect(ips.decide('http://0x7f.0.0.1:8008/').allowed).toBe(true);
    expect(ips.decide('http://[0:0:0:0:0:0:0:1]:8008/').allowed).toBe(true);
    expect(ips.decide('http://127.0.0.2:8008/').allowed).toBe(false);
  });

  it('always allows the local schemes and blocks other schemes', () => {
    for (const url of [
      'relais://app/index.html',
      'devtools://devtools/bundled/x.html',
      'data:image/png;base64,AAAA',
      'blob:relais://app/1234',
    ]) {
      expect(filter.decide(url), url).toMatchObject({ allowed: true });
    }
    for (const url of [
      'file:///etc/passwd',
      'ftp://matrix.example.org/',
      'chrome://settings',
      'javascript:alert(1)',
      'msteams://x',
    ]) {
      expect(filter.decide(url), url).toMatchObject({ allowed: false, reason: matching(/^blocked: scheme /) });
    }
    expect(filter.decide('not a url')).toEqual({ allowed: false, reason: 'blocked: not an absolute URL' });
    expect(filter.decide('https://')).toEqual({ allowed: false, reason: 'blocked: not a valid URL' });
  });

  it('an empty list blocks every network request', () => {
    expect(createEgressFilter([]).decide('https://matrix.example.org/').allowed).toBe(false);
  });

  it('refuses entries it cannot use rather than guess', () => {
    expect(() => createEgressFilter(['*.example.org'])).toThrow(TypeError);
    expect(() => createEgressFilter(['ftp://x.example'])).toThrow(TypeError);
  });

  it('merges purposes for the same host', () => {
    const merged = createEgressFilter([
      { url: 'https://a.example', purpose: 'homeserver' },
      { url: 'turns:a.example:443', purpose: 'TURN server' },
    ]);
    expect(merged.allowedHosts).toEqual([
      { host: 'a.example', port: 443, schemes: ['https:', 'wss:', 'turns:', 'stuns:'], purposes: ['homeserver', 'TURN server'] },
    ]);
  });

  it('compares the scheme too (issue 13): TLS hosts get no plain http or ws, TURN hosts no web requests', () => {
    const mixed = createEgressFilter([
      { url: 'https://matrix.example.org', purpose: 'homeserver' },
      { url: 'turn:turn.example.org:3478', purpose: 'TURN server' },
      { url: 'http://localhost:8008', purpose: 'homeserver' },
      'files.example.org:8443',
    ]);
    expect(mixed.decide('http://matrix.example.org:443/').reason).toBe(
      'blocked: http://matrix.example.org:443: only https: wss: to this host and port',
    );
    expect(mixed.decide('ws://matrix.example.org:443/').allowed).toBe(false);
    expect(mixed.decide('http://turn.example.org:3478/').allowed).toBe(false);
    expect(mixed.decide('http://files.example.org:8443/').allowed).toBe(false);
    expect(mixed.decide('https://files.example.org:8443/').allowed).toBe(true);
    expect(mixed.decide('ws://localhost:8008/').allowed).toBe(true);
    expect(mixed.decide('https://localhost:8008/').allowed).toBe(false);
    expect(mixed.decideIce('turn:turn.example.org:3478?transport=tcp').allowed).toBe(true);
    expect(mixed.decideIce('stun:turn.example.org:3478').allowed).toBe(true);
    expect(mixed.decideIce('turns:turn.example.org:3478').allowed).toBe(false);
    expect(mixed.decideIce('turn:matrix.example.org:443').allowed).toBe(false);
    expect(mixed.decideIce('turn:other.example:3478').reason).toBe('blocked: turn://other.example:3478 is not an allowed host');
  });

  it('rebuilds the same filter from its rules as data (what main hands the renderer)', () => {
    const rules = egressRulesOf({ mode: 'managed', allowedOrigins: [{ url: 'turns:t.example:443', purpose: 'TURN server' }] });
    const again = egressFilterFromRules(JSON.parse(JSON.stringify(rules)) as EgressRules);
    expect(again.decideIce('turns:t.example:443').allowed).toBe(true);
    expect(again.decide('https://t.example/').allowed).toBe(false);
    expect(egressFilterFromRules({ mode: 'unmanaged', allowedHosts: [] }).decideIce('turn:any.example').allowed).toBe(true);
    expect(egressFilterFromRules({ mode: 'safe', allowedHosts: [] }).decideIce('turn:any.example').allowed).toBe(false);
  });
});

describe('host parsing', () => {
  it('parses TURN/STUN URIs with default ports', () => {
    expect(parseIceUri('turn:turn.example.org')).toEqual({ scheme: 'turn', host: 'turn.example.org', port: 3478 });
    expect(parseIceUri('turns:Turn.Example.org?transport=tcp')).toEqual({
      scheme: 'turns',
      host: 'turn.example.org',
      port: 5349,
    });
    expect(parseIceUri('turns:turn.example.org:443')).toEqual({ scheme: 'turns', host: 'turn.example.org', port: 443 });
    expect(parseIceUri('turn:[2001:db8::1]:3478')).toEqual({ scheme: 'turn', host: '[2001:db8::1]', port: 3478 });
    expect(parseIceUri('turn://turn.example.org')).toBeNull();
    expect(parseIceUri('turn:user@turn.example.org')).toBeNull();
  });

  it('parses host entries: a bare host means port 443', () => {
    expect(parseHostEntry('A.example.')).toEqual({ host: 'a.example', port: 443 });
    expect(parseHostEntry('a.example:8448')).toEqual({ host: 'a.example', port: 8448 });
    expect(parseHostEntry('a.example:99999')).toBeNull();
  });
});

describe('effectiveEgress', () => {
  const full = {
    homeservers: ['https://matrix.example.gouv.fr'],
    tchap: { enabled: true, infoServers: ['https://info.tchap.example'] },
    calls: {
      sfuUrl: 'https://livekit-jwt.example.gouv.fr',
      iceServers: [
        { urls: 'stun:stun.example' },
        { urls: ['turns:turn.example.gouv.fr:443', 'turn:turn.example.gouv.fr'], username: 'u', credential: 'c' },
      ],
    },
    teamsBridge: {
      enabled: true,
      modes: {
        [TENANT]: { mode: 'gateway', webGatewayUrlTemplate: 'https://teams-gw.example.gouv.fr/join/{meetingId}?p={passcode}' },
      },
    },
    autoUpdate: { enabled: true, url: 'https://updates.example.gouv.fr/relais' },
    allowedEgressHosts: ['livekit.example.gouv.fr:7881'],
  };
  const now = new Date('2026-01-01T00:00:00Z');

  it('collects every configured host with its purpose', () => {
    const filter = egressFilterFor(effectiveEgress(policy(full), { now }));
    expect(filter.allowedHosts.map((h) => `${h.host}:${h.port} ${h.purposes.join('+')}`)).toEqual([
      'matrix.example.gouv.fr:443 homeserver',
      'livekit-jwt.example.gouv.fr:443 call SFU',
      'stun.example:3478 STUN server',
      'turn.example.gouv.fr:443 TURN server',
      'turn.example.gouv.fr:3478 TURN server',
      'info.tchap.example:443 Tchap info server',
      'teams-gw.example.gouv.fr:443 Teams web gateway',
      'updates.example.gouv.fr:443 update server',
      'livekit.example.gouv.fr:7881 allowedEgressHosts',
    ]);
    expect(filter.decide('https://stun.example/').allowed).toBe(false);
  });

  it('allows the OIDC issuer the policy fixes (issue 21)', () => {
    const filter = egressFilterFor(
      effectiveEgress(
        policy({ homeservers: ['https://matrix.example.gouv.fr'], signIn: { oidcIssuer: 'https://auth.example.gouv.fr/' } }),
        { now },
      ),
    );
    expect(filter.decide('https://auth.example.gouv.fr/oauth2/token')).toMatchObject({ allowed: true });
    expect(filter.decide('https://auth.example.gouv.fr/oauth2/token').reason).toContain('OIDC issuer');
    expect(filter.decide('https://other-auth.example/oauth2/token').allowed).toBe(false);
  });

  it('leaves out switched-off features: Tchap, the Teams bridge (also after its sunset), auto-update', () => {
    const off = { ...full, tchap: { ...full.tchap, enabled: false }, autoUpdate: { enabled: false, url: full.autoUpdate.url } };
    const hosts = (document: Record<string, unknown>, at = now) =>
      egressFilterFor(effectiveEgress(policy(document), { now: at })).allowedHosts.map((h) => h.host);
    expect(hosts(off)).not.toEqual(expect.arrayContaining(['info.tchap.example']));
    expect(hosts(off)).not.toContain('updates.example.gouv.fr');
    expect(hosts({ ...full, teamsBridge: { ...full.teamsBridge, enabled: false } })).not.toContain('teams-gw.example.gouv.fr');
    const sunset = { ...full, teamsBridge: { ...full.teamsBridge, sunset: '2026-06-01' } };
    expect(hosts(sunset)).toContain('teams-gw.example.gouv.fr');
    expect(hosts(sunset, new Date('2026-06-01T08:00:00Z'))).not.toContain('teams-gw.example.gouv.fr');
  });

  it('includes a homeserver the user chose when policy lets them choose', () => {
    const egress = effectiveEgress(policy({}), { userSettings: { homeservers: ['https://mine.example'] } });
    expect(egress).toEqual({ mode: 'managed', allowedOrigins: [{ url: 'https://mine.example', purpose: 'homeserver' }] });
    const locked = effectiveEgress(policy({ allowCustomHomeserver: false }), {
      userSettings: { homeservers: ['https://mine.example'] },
    });
    expect(locked).toEqual({ mode: 'managed', allowedOrigins: [] });
  });

  it('has no allowlist without machine policy, and none of the network in safe mode', () => {
    const unmanaged = effectiveEgress({ status: 'none', searched: [], sources: [], notices: [] });
    expect(unmanaged).toEqual({ mode: 'unmanaged', allowedOrigins: null });
    const filter = egressFilterFor(unmanaged);
    expect(filter.decide('https://anything.example/')).toEqual({
      allowed: true,
      reason: 'allowed: https://anything.example:443: unmanaged install, no host allowlist',
    });
    expect(filter.decide('file:///etc/passwd').allowed).toBe(false);
    const safe = effectiveEgress({ status: 'invalid', searched: [], sources: [], notices: [], problems: [] });
    expect(egressFilterFor(safe).decide('https://matrix.example.gouv.fr/').allowed).toBe(false);
  });
});
