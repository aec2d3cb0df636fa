// Issue 13: every RTCPeerConnection gets its ICE servers through the egress policy.
import { describe, expect, it } from 'vitest';
import { createEgressFilter } from '../../../../src/shared/policy/egress.ts';
import { installIceGuard } from '../../../../src/renderer/platform/iceGuard.ts';

class FakePeerConnection {
  static created: (RTCConfiguration | undefined)[] = [];
  configuration: RTCConfiguration | undefined;
  constructor(configuration?: RTCConfiguration) {
    this.configuration = configuration;
    FakePeerConnection.created.push(configuration);
  }
  setConfiguration(configuration?: RTCConfiguration): void {
    this.configuration = configuration;
  }
}

function guardedWindow() {
  const win = { RTCPeerConnection: FakePeerConnection as unknown as new (c?: RTCConfiguration) => RTCPeerConnection };
  const log: string[] = [];
  installIceGuard(win, {
    filter: createEgressFilter([{ url: 'turns:turn.example.gouv.fr:443', purpose: 'TURN server' }]),
    policyServers: [{ urls: 'turns:turn.example.gouv.fr:443', username: 'p', credential: 'q' }],
    log: (m) => log.push(m),
  });
  return { win, log };
}

describe('installIceGuard', () => {
  it('replaces servers outside the allowlist by the policy TURN servers, in the constructor', () => {
    const { win, log } = guardedWindow();
    const pc = new win.RTCPeerConnection({ iceServers: [{ urls: 'stun:stun.l.google.com:19302' }], bundlePolicy: 'max-bundle' });
    expect((pc as unknown as FakePeerConnection).configuration).toEqual({
      bundlePolicy: 'max-bundle',
      iceServers: [{ urls: ['turns:turn.example.gouv.fr:443'], username: 'p', credential: 'q' }],
    });
    expect(pc).toBeInstanceOf(FakePeerConnection);
    expect(log.join('\n')).toContain('blocked: stun://stun.l.google.com:19302 is not an allowed host');
  });

  it('and in setConfiguration (ICE server updates)', () => {
    const { win } = guardedWindow();
    const pc = new win.RTCPeerConnection();
    pc.setConfiguration({ iceServers: [{ urls: ['turns:turn.example.gouv.fr:443', 'turn:evil.example:3478'] }] });
    expect((pc as unknown as FakePeerConnection).configuration?.iceServers).toEqual([
      { urls: ['turns:turn.example.gouv.fr:443'] },
    ]);
  });
});
