import { describe, expect, it } from 'vitest';
import {
  focusFromPolicy,
  focusFromWellKnown,
  iceServersForCall,
  selectFocus,
  signalingUrl,
} from '../../../../src/renderer/calls/focus.ts';

const turn = { urls: 'turns:turn.example.org:5349', username: 'u', credential: 'c' };
/** The calls settings with nothing configured, as machine policy's built-in defaults have them. */
const NO_CALLS_POLICY = { sfuUrl: null, iceServers: [], mediaEncryption: 'required' as const };

describe('SFU focus selection', () => {
  it('maps configured URLs to WebSocket URLs, plain only on loopback', () => {
    expect(signalingUrl('https://sfu.example.org/ws')).toBe('wss://sfu.example.org/ws');
    expect(signalingUrl('wss://sfu.example.org')).toBe('wss://sfu.example.org/');
    expect(signalingUrl('http://127.0.0.1:4443/')).toBe('ws://127.0.0.1:4443/');
    expect(signalingUrl('ws://sfu.example.org/')).toBeNull();
    expect(signalingUrl('ftp://sfu.example.org/')).toBeNull();
    expect(signalingUrl('wss://user:pw@sfu.example.org/')).toBeNull();
    expect(signalingUrl('not a url')).toBeNull();
  });

  it('reads our focus type from .well-known rtc_foci and ignores other types', () => {
    const doc = {
      'm.homeserver': { base_url: 'https://hs' },
      'org.matrix.msc4143.rtc_foci': [
        { type: 'livekit', livekit_service_url: 'https://lk' },
        { type: 'relais_sfu', url: 'wss://sfu.example.org/' },
      ],
    };
    expect(focusFromWellKnown(doc)).toBe('wss://sfu.example.org/');
    expect(focusFromWellKnown({ 'org.matrix.msc4143.rtc_foci': [{ type: 'livekit' }] })).toBeNull();
    expect(focusFromWellKnown('nope')).toBeNull();
    expect(focusFromWellKnown({ 'org.matrix.msc4143.rtc_foci': 'x' })).toBeNull();
  });

  it('prefers machine policy over .well-known', () => {
    const policy = focusFromPolicy({
      sfuUrl: 'https://policy-sfu.example.org',
      iceServers: [turn],
      mediaEncryption: 'required' as const,
    });
    const result = selectFocus(policy, 'wss://wellknown.example.org/');
    expect(result).toEqual({
      ok: true,
      focus: { sfuUrl: 'wss://policy-sfu.example.org/', source: 'policy', policyIceServers: [turn] },
    });
  });

  it('falls back to .well-known, and says when there is no SFU or a bad one', () => {
    const none = focusFromPolicy(NO_CALLS_POLICY);
    expect(selectFocus(none, 'wss://sfu.example.org/')).toMatchObject({ ok: true, focus: { source: 'well-known' } });
    expect(selectFocus(none, null)).toEqual({ ok: false, reason: 'no-sfu' });
    expect(selectFocus(none, 'ws://remote.example.org/')).toEqual({ ok: false, reason: 'invalid-sfu-url' });
  });

  it('an empty ICE server list in policy names none: the SFU ones then apply', () => {
    expect(focusFromPolicy({ sfuUrl: 'wss://s.example.org', iceServers: [], mediaEncryption: 'required' as const })).toEqual({
      sfuUrl: 'wss://s.example.org',
      iceServers: null,
    });
  });

  it('uses only configured ICE servers: the policy ones, else the SFU ones, never a built-in default', () => {
    const sfuIce = [{ urls: ['turn:sfu-turn.example.org:3478'], username: 'x', credential: 'y' }];
    const fromWellKnown = selectFocus(focusFromPolicy(NO_CALLS_POLICY), 'wss://sfu.example.org/');
    const fromPolicy = selectFocus(
      focusFromPolicy({ sfuUrl: 'wss://s.example.org', iceServers: [turn], mediaEncryption: 'required' as const }),
      null,
    );
    if (!fromWellKnown.ok || !fromPolicy.ok) throw new Error('expected foci');
    expect(iceServersForCall(fromWellKnown.focus, sfuIce)).toEqual(sfuIce);
    expect(iceServersForCall(fromWellKnown.focus, [])).toEqual([]);
    expect(iceServersForCall(fromPolicy.focus, sfuIce)).toEqual([turn]);
  });
});

describe('the SFU the app connects to is the one the egress filter allows', () => {
  it('maps a policy https:// SFU URL to a wss:// URL on the same host and port', async () => {
    const { createEgressFilter } = await import('../../../../src/shared/policy/egress.ts');
    const filter = createEgressFilter([{ url: 'https://sfu.example.org:8443/', purpose: 'call SFU' }]);
    const focus = selectFocus(
      focusFromPolicy({ sfuUrl: 'https://sfu.example.org:8443/', iceServers: [], mediaEncryption: 'required' as const }),
      null,
    );
    if (!focus.ok) throw new Error('expected a focus');
    expect(filter.decide(focus.focus.sfuUrl).allowed).toBe(true);
    // A .well-known SFU elsewhere is not on a managed machine's list: the call fails rather than leak.
    const elsewhere = selectFocus(focusFromPolicy(NO_CALLS_POLICY), 'wss://other.example.org/ws');
    if (!elsewhere.ok) throw new Error('expected a focus');
    expect(filter.decide(elsewhere.focus.sfuUrl).allowed).toBe(false);
  });
});
