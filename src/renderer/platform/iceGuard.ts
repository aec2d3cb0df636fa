// Enforces the egress policy on WebRTC. Peer connections open their sockets outside every request
// hook main installs (Electron's webRequest never sees STUN or TURN), so an ICE server the SFU or
// its .well-known hands out could reach any host. Every RTCPeerConnection this page creates gets its
// ICE servers through chooseIceServers first (allowed URLs, else the machine policy's TURN servers):
// one check at the boundary, whatever code path built the configuration (mediasoup-client today).
// Installed once at start-up, before any call can start, only where a policy applies.
import type { EgressFilter } from '../../shared/policy/egress.ts';
import { chooseIceServers, isIceServerLike, type IceServerLike } from './iceEgress.ts';

export interface IceGuardOptions {
  filter: EgressFilter;
  /** calls.iceServers from machine policy: the fallback when nothing offered is allowed. */
  policyServers: readonly IceServerLike[];
  log(message: string): void;
}

export function guardedConfiguration(config: RTCConfiguration | undefined, options: IceGuardOptions): RTCConfiguration {
  const offered = (config?.iceServers ?? []).filter(isIceServerLike);
  const choice = chooseIceServers(offered, options.filter, options.policyServers);
  if (choice.outcome !== 'as-given') {
    const dropped = choice.dropped.map((d) => d.reason).join('; ');
    options.log(
      `ice: ${choice.outcome === 'filtered' ? 'dropped' : 'none allowed, policy TURN servers used instead of'} ${dropped}`,
    );
  }
  return { ...config, iceServers: choice.servers };
}

type PeerConnectionClass = new (configuration?: RTCConfiguration) => RTCPeerConnection;

export function installIceGuard(win: { RTCPeerConnection?: PeerConnectionClass }, options: IceGuardOptions): void {
  const Original = win.RTCPeerConnection;
  if (!Original) return;
  class GuardedPeerConnection extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(guardedConfiguration(configuration, options));
    }
    override setConfiguration(configuration?: RTCConfiguration): void {
      super.setConfiguration(guardedConfiguration(configuration, options));
    }
  }
  win.RTCPeerConnection = GuardedPeerConnection;
}
