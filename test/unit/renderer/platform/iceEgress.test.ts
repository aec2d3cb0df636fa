// Issue 13: ICE servers from the SFU or .well-known pass the egress policy, or the call falls back
// to the TURN servers the machine policy names.
import { describe, expect, it } from 'vitest';
import { createEgressFilter, egressFilterFromRules } from '../../../../src/shared/policy/egress.ts';
import { chooseIceServers, isIceServerLike } from '../../../../src/renderer/platform/iceEgress.ts';

const policyTurn = [{ urls: ['turns:turn.example.gouv.fr:443', 'stun:turn.example.gouv.fr'], username: 'u', credential: 'c' }];
const filter = createEgressFilter([
  { url: 'https://matrix.example.gouv.fr', purpose: 'homeserver' },
  { url: 'turns:turn.example.gouv.fr:443', purpose: 'TURN server' },
  { url: 'turn:sfu-turn.example.gouv.fr:3478', purpose: 'TURN server' },
]);

describe('chooseIceServers', () => {
  it('keeps servers the policy allows, as given', () => {
    const fromSfu = [{ urls: 'turn:sfu-turn.example.gouv.fr:3478?transport=udp', username: 'x', credential: 'y' }];
    expect(chooseIceServers(fromSfu, filter, policyTurn)).toEqual({ servers: fromSfu, outcome: 'as-given', dropped: [] });
  });

  it('drops the URLs of a server that are not allowed, keeping the rest', () => {
    const fromSfu = [{ urls: ['turn:sfu-turn.example.gouv.fr:3478', 'turn:public-turn.example.com:3478'], credential: 'y' }];
    const choice = chooseIceServers(fromSfu, filter, policyTurn);
    expect(choice.outcome).toBe('filtered');
    expect(choice.servers).toEqual([{ urls: ['turn:sfu-turn.example.gouv.fr:3478'], credential: 'y' }]);
    expect(choice.dropped).toEqual([
      { url: 'turn:public-turn.example.com:3478', reason: 'blocked: turn://public-turn.example.com:3478 is not an allowed host' },
    ]);
  });

  it('falls back to the policy TURN servers (TURN URLs only) when nothing the SFU gave is allowed', () => {
    const fromSfu = [{ urls: 'stun:stun.l.google.com:19302' }, { urls: 'turns:matrix.example.gouv.fr:443' }];
    const choice = chooseIceServers(fromSfu, filter, policyTurn);
    expect(choice.outcome).toBe('policy-fallback');
    expect(choice.servers).toEqual([{ urls: ['turns:turn.example.gouv.fr:443'], username: 'u', credential: 'c' }]);
    expect(choice.dropped.map((d) => d.url)).toEqual(['stun:stun.l.google.com:19302', 'turns:matrix.example.gouv.fr:443']);
  });

  it('with no policy TURN server, the fallback is no ICE server at all (host candidates only)', () => {
    expect(chooseIceServers([{ urls: 'stun:stun.example.com' }], filter, []).servers).toEqual([]);
  });

  it('in safe mode nothing passes; unmanaged installs keep what they were given', () => {
    const safe = egressFilterFromRules({ mode: 'safe', allowedHosts: [] });
    expect(chooseIceServers([{ urls: 'turn:a.example' }], safe, policyTurn).servers).toEqual([]);
    const open = egressFilterFromRules({ mode: 'unmanaged', allowedHosts: [] });
    expect(chooseIceServers([{ urls: 'turn:a.example' }], open, []).outcome).toBe('as-given');
  });

  it('refuses anything that is not a STUN/TURN URI', () => {
    const choice = chooseIceServers([{ urls: 'https://matrix.example.gouv.fr' }], filter, []);
    expect(choice.dropped).toEqual([{ url: '(not a STUN/TURN URI)', reason: 'blocked: not a STUN or TURN URI' }]);
  });

  it('recognises ICE server shapes', () => {
    expect(isIceServerLike({ urls: ['turn:a'], username: 'u' })).toBe(true);
    expect(isIceServerLike({ urls: 3 })).toBe(false);
    expect(isIceServerLike(null)).toBe(false);
  });
});
