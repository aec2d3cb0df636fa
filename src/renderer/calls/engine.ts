// The call engine: mediasoup-client over our signaling. It joins (Matrix OpenID token → SFU, which
// checks room membership), sends microphone and camera (simulcast), receives everyone else
// (consumers created paused on the server, resumed once ready), and repairs itself: an ICE restart
// when a transport's connection fails, a full re-join when the signaling socket drops. Each
// (re)join is a "generation"; callbacks from an older one are ignored, so a late event from a dead
// connection cannot disturb the new one. React-free: the UI subscribes to snapshots.
import { Device } from 'mediasoup-client';
import type { Consumer, RtpParameters, Transport } from 'mediasoup-client/types';
import type { CallNotification } from '../../shared/call/index.ts';
import { callReducer, INITIAL_CALL_STATE, recoveryDelayMs, type CallEvent, type CallState } from './callState.ts';
import { iceServersForCall } from './focus.ts';
import { errorCodeOf } from './callErrors.ts';
import type { CallSnapshot, EngineOptions } from './engineTypes.ts';
import { ParticipantBook } from './participants.ts';
import { MediaSender } from './sender.ts';
import { SignalingClient } from './signaling.ts';
import { createCallTransport, restartIce } from './transports.ts';

export type { CallSnapshot, EngineOptions, RemoteParticipant } from './engineTypes.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CallEngine {
  private state: CallState = INITIAL_CALL_STATE;
  private generation = 0;
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly consumers = new Map<string, Consumer>();
  private readonly book = new ParticipantBook<MediaStreamTrack>();
  private activeSpeaker: string | null = null;
  /** My microphone, camera and screen (their producers and mute state). */
  readonly sender = new MediaSender({
    transport: () => this.sendTransport,
    signaling: () => this.signaling,
    changed: () => this.emit(),
  });
  private recovering = false;
  private cameraLayer = 2;
  private readonly listeners = new Set<(s: CallSnapshot) => void>();
  private readonly options: EngineOptions;

  constructor(options: EngineOptions) {
    this.options = options;
  }

  subscribe(listener: (s: CallSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  snapshot(): CallSnapshot {
    return {
      state: this.state,
      participants: this.book.list(),
      activeSpeakerPeerId: this.activeSpeaker,
      micOn: this.sender.micOn,
      camOn: this.sender.camOn,
      sharing: this.sender.local.screen !== undefined,
      localVideo: this.sender.camOn ? (this.sender.local.camera ?? null) : null,
      localScreen: this.sender.local.screen ?? null,
    };
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const listener of this.listeners) listener(snap);
  }

  /** Read through a method: the state changes while recovery awaits, which narrowing cannot see. */
  private phase(): CallState['phase'] {
    return this.state.phase;
  }

  private dispatch(event: CallEvent): void {
    this.state = callReducer(this.state, event);
    this.emit();
  }

  async join(tracks: { microphone: MediaStreamTrack | null; camera: MediaStreamTrack | null }): Promise<void> {
    this.sender.setInitialTracks(tracks);
    this.dispatch({ type: 'join' });
    try {
      await this.connectAndJoin();
      this.dispatch({ type: 'joined', at: Date.now() });
    } catch (error) {
      this.teardown();
      this.dispatch({ type: 'error', error: errorCodeOf(error) });
    }
  }

  private async connectAndJoin(): Promise<void> {
    const gen = ++this.generation;
    const { focus } = this.options;
    // The token comes from the homeserver: ask for it while the SFU connection opens.
    const token = this.options.getOpenIdToken();
    token.catch(() => undefined);
    const sig = await SignalingClient.connect(focus.sfuUrl, this.options.createSocket);
    if (gen !== this.generation) {
      sig.close();
      return;
    }
    this.signaling = sig;
    sig.onNotification((n) => {
      if (gen === this.generation) this.onNotification(n);
    });
    sig.onUnexpectedClose(() => {
      if (gen !== this.generation) return;
      this.dispatch({ type: 'signaling-dropped' });
      void this.recover();
    });
    if (!this.device) {
      const { rtpCapabilities } = await sig.request('getRouterRtpCapabilities', {});
      const device = await Device.factory();
      await device.load({ routerRtpCapabilities: rtpCapabilities });
      this.device = device;
    }
    const device = this.device;
    const joined = await sig.request(
      'join',
      {
        openIdToken: await token,
        userId: this.options.userId,
        deviceId: this.options.deviceId,
        roomId: this.options.roomId,
        displayName: this.options.displayName,
        rtpCapabilities: device.recvRtpCapabilities,
      },
      20_000,
    );
    const iceServers = iceServersForCall(focus, joined.iceServers);
    const transport = (direction: 'send' | 'recv') =>
      createCallTransport({
        sig,
        device,
        direction,
        iceServers,
        isCurrent: () => gen === this.generation,
        onDropped: () => this.mediaDropped(),
      });
    this.sendTransport = await transport('send');
    this.recvTransport = await transport('recv');
    await this.sender.produceAll();
    for (const peer of joined.peers) {
      this.book.addPeer(peer);
      for (const p of peer.producers) this.book.addProducer(peer.peerId, p.producerId, p.source, p.paused);
    }
    this.emit();
    await Promise.all(joined.peers.flatMap((peer) => peer.producers.map((p) => this.consume(p.producerId, gen))));
  }

  private mediaDropped(): void {
    if (this.state.phase !== 'joined') return;
    this.dispatch({ type: 'media-dropped' });
    void this.recover();
  }

  private async consume(producerId: string, gen: number): Promise<void> {
    const sig = this.signaling;
    const recv = this.recvTransport;
    if (!sig || !recv) return;
    try {
      const info = await sig.request('consume', { transportId: recv.id, producerId });
      if (gen !== this.generation) return;
      const consumer = await recv.consume({
        id: info.consumerId,
        producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as RtpParameters,
      });
      this.consumers.set(consumer.id, consumer);
      this.book.setTrack(producerId, consumer.track);
      this.emit();
      if (info.source === 'camera') await this.preferLayer(sig, consumer.id);
      await sig.request('resumeConsumer', { consumerId: consumer.id });
    } catch {
      // A producer that closed meanwhile, or codecs we cannot receive: that one stream is missing,
      // the call goes on.
    }
  }

  /**
   * Which simulcast layer camera tiles need (0 smallest … 2 full): small tiles take a small layer,
   * so a big call costs the SFU and the network far less than sending everyone's full picture.
   */
  setCameraLayer(spatialLayer: number): void {
    if (spatialLayer === this.cameraLayer) return;
    this.cameraLayer = spatialLayer;
    const sig = this.signaling;
    if (!sig) return;
    for (const consumer of this.consumers.values())
      if (consumer.kind === 'video' && this.book.producer(consumer.producerId)?.source === 'camera')
        void this.preferLayer(sig, consumer.id);
  }

  private async preferLayer(sig: SignalingClient, consumerId: string): Promise<void> {
    await sig.request('setConsumerPreferredLayers', { consumerId, spatialLayer: this.cameraLayer }).catch(() => undefined);
  }

  private dropConsumerOf(producerId: string): void {
    for (const [id, consumer] of this.consumers) {
      if (consumer.producerId !== producerId) continue;
      consumer.close();
      this.consumers.delete(id);
    }
    this.book.removeProducer(producerId);
  }

  private onNotification(n: CallNotification): void {
    switch (n.method) {
      case 'newPeer':
        this.book.addPeer(n.data.peer);
        break;
      case 'peerLeft':
        for (const producerId of this.book.removePeer(n.data.peerId)) this.dropConsumerOf(producerId);
        if (this.activeSpeaker === n.data.peerId) this.activeSpeaker = null;
        break;
      case 'newProducer':
        this.book.addProducer(n.data.peerId, n.data.producerId, n.data.source, n.data.paused);
        void this.consume(n.data.producerId, this.generation);
        break;
      case 'producerClosed':
        this.dropConsumerOf(n.data.producerId);
        break;
      case 'consumerClosed':
        this.dropConsumerOf(n.data.producerId);
        break;
      case 'producerPaused':
      case 'producerResumed':
        this.book.setPaused(n.data.producerId, n.method === 'producerPaused');
        break;
      case 'activeSpeaker':
        this.activeSpeaker = n.data.peerId;
        break;
      case 'callRestarting':
        // The SFU lost this call's media: re-join after the pause it asks for.
        this.signaling?.close();
        this.dispatch({ type: 'signaling-dropped' });
        void sleep(n.data.retryAfterMs).then(() => this.recover());
        return;
      default:
        return;
    }
    this.emit();
  }

  /** Repairs the call without asking the user; see callState.ts for the policy. */
  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    try {
      while (this.state.phase === 'reconnecting') {
        const { recovery, attempt } = this.state;
        await sleep(recoveryDelayMs(attempt));
        if (this.phase() !== 'reconnecting') return;
        try {
          if (recovery === 'ice-restart') await this.restartIce();
          else {
            this.teardown();
            await this.connectAndJoin();
          }
          this.dispatch({ type: 'joined', at: Date.now() });
          return;
        } catch {
          if (this.phase() === 'reconnecting') this.dispatch({ type: 'recovery-failed' });
        }
      }
    } finally {
      this.recovering = false;
    }
  }

  private async restartIce(): Promise<void> {
    if (!this.signaling) throw new Error('no signaling');
    await restartIce(
      this.signaling,
      [this.sendTransport, this.recvTransport].filter((t): t is Transport => t !== null),
    );
  }

  /** Closes media and signaling of the current generation (for a re-join or for good). */
  private teardown(): void {
    this.generation += 1;
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.sender.forgetProducers();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.signaling?.close();
    this.signaling = null;
    this.book.clear();
    this.activeSpeaker = null;
  }

  async leave(): Promise<void> {
    const sig = this.signaling;
    this.dispatch({ type: 'leave' });
    await sig?.request('leave', {}, 2_000).catch(() => undefined);
    this.teardown();
    this.sender.stopAll();
    this.emit();
  }
}
