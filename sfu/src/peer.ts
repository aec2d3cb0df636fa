// One participant in a call (one WebSocket connection that joined): who they are and the mediasoup
// objects they own. Lookups check ownership, so a peer can only touch its own transports,
// producers and consumers (ids from another peer answer `not-found`).
import type { types } from 'mediasoup';
import {
  CallError,
  type CallNotificationData,
  type CallNotificationMethod,
  type MediaSource,
  type PeerInfo,
} from '../../src/shared/call/index.ts';
import { InFlight } from './limits.ts';
import type { RemovalReason } from './membership/view.ts';

export type Notify = <N extends CallNotificationMethod>(method: N, data: CallNotificationData<N>) => void;
export type TransportDirection = 'send' | 'recv';

export interface PeerInit {
  id: string;
  userId: string;
  deviceId: string;
  displayName: string | undefined;
  rtpCapabilities: types.RtpCapabilities;
  notify: Notify;
  /** The call's media is gone (worker died, server stopping): the session must forget this peer. */
  onEvicted: (reason: 'worker-died' | 'server-shutdown' | 'replaced') => void;
  /** The user is no longer a member of the call's room: the session takes the peer out and closes. */
  onRemoved: (reason: RemovalReason, by: string | undefined) => void;
  /** Multi-node: the SFU node this participant is connected to, when not this one (see cluster/). */
  node?: string | undefined;
}

export interface OwnedTransport {
  transport: types.WebRtcTransport;
  direction: TransportDirection;
}

export interface OwnedProducer {
  producer: types.Producer;
  source: MediaSource;
}

export interface OwnedConsumer {
  consumer: types.Consumer;
  source: MediaSource;
}

export class Peer {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly displayName: string | undefined;
  readonly rtpCapabilities: types.RtpCapabilities;
  readonly notify: Notify;
  readonly onEvicted: PeerInit['onEvicted'];
  readonly onRemoved: PeerInit['onRemoved'];
  /** Null for a participant connected here; else the node they are on (their producers arrive piped). */
  readonly node: string | null;
  readonly transports = new Map<string, OwnedTransport>();
  readonly producers = new Map<string, OwnedProducer>();
  readonly consumers = new Map<string, OwnedConsumer>();
  /** Creations awaiting mediasoup, counted with the live ones against the per-peer caps. */
  readonly pending = { transports: new InFlight(), producers: new InFlight(), consumers: new InFlight() };
  /** Slots this peer holds in server-wide limits (devices of its user), released when it ends. */
  private readonly releases: (() => void)[] = [];
  private ended = false;

  constructor(init: PeerInit) {
    this.id = init.id;
    this.userId = init.userId;
    this.deviceId = init.deviceId;
    this.displayName = init.displayName;
    this.rtpCapabilities = init.rtpCapabilities;
    this.notify = init.notify;
    this.onEvicted = init.onEvicted;
    this.onRemoved = init.onRemoved;
    this.node = init.node ?? null;
  }

  /** Runs `release` when the peer ends (at once if it already has). */
  holds(release: () => void): void {
    if (this.ended) release();
    else this.releases.push(release);
  }

  info(): PeerInfo {
    const info: PeerInfo = {
      peerId: this.id,
      userId: this.userId,
      deviceId: this.deviceId,
      producers: [...this.producers.values()].map(({ producer, source }) => ({
        producerId: producer.id,
        kind: producer.kind,
        source,
        paused: producer.paused,
      })),
    };
    if (this.displayName !== undefined) info.displayName = this.displayName;
    return info;
  }

  transport(transportId: string, direction?: TransportDirection): types.WebRtcTransport {
    const owned = this.transports.get(transportId);
    if (!owned) throw new CallError('not-found', `No transport ${transportId}`);
    if (direction && owned.direction !== direction) {
      throw new CallError('bad-request', `Transport ${transportId} is a ${owned.direction} transport, not ${direction}`);
    }
    return owned.transport;
  }

  producer(producerId: string): OwnedProducer {
    const owned = this.producers.get(producerId);
    if (!owned) throw new CallError('not-found', `No producer ${producerId}`);
    return owned;
  }

  consumer(consumerId: string): types.Consumer {
    const owned = this.consumers.get(consumerId);
    if (!owned) throw new CallError('not-found', `No consumer ${consumerId}`);
    return owned.consumer;
  }

  /** Closes every transport (mediasoup closes their producers and consumers with them) and frees its slots. */
  closeMedia(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.ended = true;
    for (const release of this.releases.splice(0)) release();
  }
}
