// What the call screen shows about the others: one participant per SFU peer (a person on one
// device), with the tracks consumed from them and whether they muted. Kept apart from the engine
// so the bookkeeping of producers → participants is tested without WebRTC (hence generic over the
// track type: MediaStreamTrack in the app, plain objects in tests).
import type { MediaSource, PeerInfo } from '../../shared/call/index.ts';

export interface RemoteParticipant<Track> {
  peerId: string;
  userId: string;
  deviceId: string;
  displayName: string | null;
  audio: Track | null;
  video: Track | null;
  screen: Track | null;
  /** The sender paused (muted) that source; absent sources are simply not sent. */
  audioMuted: boolean;
  videoMuted: boolean;
  /** They share a screen, received or not: its tile must exist for it to be shown, hence received. */
  sharingScreen: boolean;
}

type TrackSlot = 'audio' | 'video' | 'screen';

export function slotOf(source: MediaSource): TrackSlot | null {
  if (source === 'microphone') return 'audio';
  if (source === 'camera') return 'video';
  if (source === 'screen') return 'screen';
  return null; // screen audio is not played in this version
}

export class ParticipantBook<Track> {
  private readonly peers = new Map<string, RemoteParticipant<Track>>();
  /** producerId → who sends it and as what, for pause/close notifications. */
  private readonly producers = new Map<string, { peerId: string; source: MediaSource }>();

  addPeer(info: Pick<PeerInfo, 'peerId' | 'userId' | 'deviceId' | 'displayName'>): void {
    if (this.peers.has(info.peerId)) return;
    this.peers.set(info.peerId, {
      peerId: info.peerId,
      userId: info.userId,
      deviceId: info.deviceId,
      displayName: info.displayName ?? null,
      audio: null,
      video: null,
      screen: null,
      audioMuted: false,
      videoMuted: false,
      sharingScreen: false,
    });
  }

  removePeer(peerId: string): string[] {
    this.peers.delete(peerId);
    const gone = [...this.producers].filter(([, p]) => p.peerId === peerId).map(([id]) => id);
    for (const id of gone) this.producers.delete(id);
    return gone;
  }

  addProducer(peerId: string, producerId: string, source: MediaSource, paused: boolean): void {
    this.producers.set(producerId, { peerId, source });
    this.setPaused(producerId, paused);
    if (source === 'screen') this.setSharing(peerId);
  }

  producer(producerId: string): { peerId: string; source: MediaSource } | undefined {
    return this.producers.get(producerId);
  }

  /** The person and device who send this producer. */
  senderOf(producerId: string): { userId: string; deviceId: string } | undefined {
    const p = this.producers.get(producerId);
    const peer = p ? this.peers.get(p.peerId) : undefined;
    return peer ? { userId: peer.userId, deviceId: peer.deviceId } : undefined;
  }

  /** Every producer of the others, for the subscription plan. */
  producerList(): { producerId: string; peerId: string; source: MediaSource }[] {
    return [...this.producers].map(([producerId, p]) => ({ producerId, ...p }));
  }

  setTrack(producerId: string, track: Track | null): void {
    const p = this.producers.get(producerId);
    const peer = p ? this.peers.get(p.peerId) : undefined;
    const slot = p ? slotOf(p.source) : null;
    if (peer && slot) this.peers.set(peer.peerId, { ...peer, [slot]: track });
  }

  setPaused(producerId: string, paused: boolean): void {
    const p = this.producers.get(producerId);
    const peer = p ? this.peers.get(p.peerId) : undefined;
    if (!p || !peer) return;
    if (p.source === 'microphone') this.peers.set(peer.peerId, { ...peer, audioMuted: paused });
    if (p.source === 'camera') this.peers.set(peer.peerId, { ...peer, videoMuted: paused });
  }

  removeProducer(producerId: string): void {
    this.setTrack(producerId, null);
    const p = this.producers.get(producerId);
    this.producers.delete(producerId);
    if (p?.source === 'screen') this.setSharing(p.peerId);
  }

  private setSharing(peerId: string): void {
    const peer = this.peers.get(peerId);
    const sharingScreen = [...this.producers.values()].some((p) => p.peerId === peerId && p.source === 'screen');
    if (peer && peer.sharingScreen !== sharingScreen) this.peers.set(peerId, { ...peer, sharingScreen });
  }

  clear(): void {
    this.peers.clear();
    this.producers.clear();
  }

  list(): RemoteParticipant<Track>[] {
    return [...this.peers.values()];
  }
}
