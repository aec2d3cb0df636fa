// The call engine: mediasoup-client over our signaling. It joins (Matrix OpenID token → SFU, which
// checks room membership), sends microphone and camera (simulcast), receives everyone else
// (consumers created paused on the server, resumed once ready), and repairs itself: an ICE restart
// when a transport's connection fails, a full re-join when the signaling socket drops. Each
// (re)join is a "generation"; callbacks from an older one are ignored, so a late event from a dead
// connection cannot disturb the new one. React-free: the UI subscribes to snapshots.
import { Device } from 'mediasoup-client';
import type {
  Consumer,
  DtlsParameters,
  IceCandidate,
  IceParameters,
  Producer,
  RtpParameters,
  Transport,
} from 'mediasoup-client/types';
import { CallError, type CallNotification, type MediaSource, type OpenIdToken } from '../../shared/call/index.ts';
import {
  callReducer,
  INITIAL_CALL_STATE,
  recoveryDelayMs,
  type CallErrorCode,
  type CallEvent,
  type CallState,
} from './callState.ts';
import { iceServersForCall, type CallFocus } from './focus.ts';
import { CAMERA_SIMULCAST, SCREEN_ENCODING } from './localMedia.ts';
import { ParticipantBook, type RemoteParticipant } from './participants.ts';
import { SignalingClient, type SocketFactory } from './signaling.ts';

export interface EngineOptions {
  focus: CallFocus;
  roomId: string;
  userId: string;
  deviceId: string;
  displayName: string;
  getOpenIdToken(): Promise<OpenIdToken>;
  createSocket?: SocketFactory;
}

export interface CallSnapshot {
  state: CallState;
  participants: RemoteParticipant[];
  activeSpeakerPeerId: string | null;
  micOn: boolean;
  camOn: boolean;
  sharing: boolean;
  /** My camera and screen, for the self view. */
  localVideo: MediaStreamTrack | null;
  localScreen: MediaStreamTrack | null;
}

export function errorCodeOf(error: unknown): CallErrorCode {
  if (error instanceof CallError) {
    if (error.code === 'auth-not-member') return 'not-allowed';
    if (error.code.startsWith('auth-')) return 'auth-failed';
    if (error.code === 'connection-closed' || error.code === 'timeout') return 'sfu-unreachable';
  }
  if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'NotFoundError'))
    return 'media-denied';
  return 'unknown';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const DISCONNECTED_GRACE_MS = 1_500;

export class CallEngine {
  private state: CallState = INITIAL_CALL_STATE;
  private generation = 0;
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers = new Map<MediaSource, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly book = new ParticipantBook();
  private activeSpeaker: string | null = null;
  private readonly local: Partial<Record<MediaSource, MediaStreamTrack>> = {};
  private micOn = true;
  private camOn = true;
  private recovering = false;
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
      micOn: this.micOn,
      camOn: this.camOn,
      sharing: this.local.screen !== undefined,
      localVideo: this.camOn ? (this.local.camera ?? null) : null,
      localScreen: this.local.screen ?? null,
    };
  }

  /** The peer connections' statistics, for the connection-quality view and tests. */
  async stats(): Promise<RTCStatsReport[]> {
    const transports = [this.sendTransport, this.recvTransport].filter((t): t is Transport => t !== null);
    return Promise.all(transports.map((t) => t.getStats()));
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
    if (tracks.microphone) this.local.microphone = tracks.microphone;
    if (tracks.camera) this.local.camera = tracks.camera;
    this.micOn = tracks.microphone !== null;
    this.camOn = tracks.camera !== null;
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
    this.sendTransport = await this.createTransport(sig, device, 'send', iceServers, gen);
    this.recvTransport = await this.createTransport(sig, device, 'recv', iceServers, gen);
    for (const source of ['microphone', 'camera', 'screen'] as const) {
      const track = this.local[source];
      if (track) await this.produce(source, track);
    }
    for (const peer of joined.peers) {
      this.book.addPeer(peer);
      for (const p of peer.producers) this.book.addProducer(peer.peerId, p.producerId, p.source, p.paused);
    }
    this.emit();
    await Promise.all(joined.peers.flatMap((peer) => peer.producers.map((p) => this.consume(p.producerId, gen))));
  }

  private async createTransport(
    sig: SignalingClient,
    device: Device,
    direction: 'send' | 'recv',
    iceServers: RTCIceServer[],
    gen: number,
  ): Promise<Transport> {
    const info = await sig.request('createWebRtcTransport', { direction });
    const params = {
      id: info.transportId,
      iceParameters: info.iceParameters as IceParameters,
      iceCandidates: info.iceCandidates as IceCandidate[],
      dtlsParameters: info.dtlsParameters as DtlsParameters,
      // Only servers our configuration names; an empty list means no STUN/TURN at all.
      iceServers,
    };
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      sig.request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(callback, errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as MediaSource;
        sig
          .request('produce', { transportId: transport.id, kind, rtpParameters, source, paused: appData.paused === true })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (gen !== this.generation) return;
      if (state === 'failed') this.mediaDropped();
      // "disconnected" often heals by itself within a second (a lost packet burst): give it that.
      if (state === 'disconnected')
        setTimeout(() => {
          if (gen === this.generation && transport.connectionState === 'disconnected') this.mediaDropped();
        }, DISCONNECTED_GRACE_MS);
    });
    return transport;
  }

  private mediaDropped(): void {
    if (this.state.phase !== 'joined') return;
    this.dispatch({ type: 'media-dropped' });
    void this.recover();
  }

  private async produce(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    if (!this.sendTransport) return;
    const paused = (source === 'microphone' && !this.micOn) || (source === 'camera' && !this.camOn);
    const producer = await this.sendTransport.produce({
      track,
      ...(source === 'camera' ? { encodings: CAMERA_SIMULCAST } : source === 'screen' ? { encodings: SCREEN_ENCODING } : {}),
      ...(source === 'microphone' ? { codecOptions: { opusDtx: true, opusFec: true } } : {}),
      // The tracks belong to the call UI (device choice, re-join): closing a producer must not stop them.
      stopTracks: false,
      // Muted means silent on the wire too, not a stream of silence or black frames.
      zeroRtpOnPause: true,
      appData: { source, paused },
    });
    if (paused) producer.pause();
    this.producers.set(source, producer);
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
      await sig.request('resumeConsumer', { consumerId: consumer.id });
    } catch {
      // A producer that closed meanwhile, or codecs we cannot receive: that one stream is missing,
      // the call goes on.
    }
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
    const sig = this.signaling;
    if (!sig) throw new Error('no signaling');
    const transports = [this.sendTransport, this.recvTransport].filter((t): t is Transport => t !== null);
    for (const t of transports) {
      const { iceParameters } = await sig.request('restartIce', { transportId: t.id });
      await t.restartIce({ iceParameters: iceParameters as IceParameters });
    }
    const deadline = Date.now() + 5_000;
    while (transports.some((t) => t.connectionState !== 'connected' && t.connectionState !== 'new')) {
      if (Date.now() > deadline) throw new Error('ICE restart did not reconnect');
      await sleep(200);
    }
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.micOn = on;
    await this.setPaused('microphone', !on);
  }

  /** Camera off stops the camera (its light goes out); on needs a fresh track. */
  async setCamera(track: MediaStreamTrack | null): Promise<void> {
    this.camOn = track !== null;
    const producer = this.producers.get('camera');
    if (track) {
      this.local.camera = track;
      if (producer) {
        await producer.replaceTrack({ track });
        await this.setPaused('camera', false);
      } else await this.produce('camera', track);
    } else {
      await this.setPaused('camera', true);
      this.local.camera?.stop();
      delete this.local.camera;
    }
    this.emit();
  }

  /** Another microphone or camera chosen (or the old one unplugged). */
  async replaceTrack(source: 'microphone' | 'camera', track: MediaStreamTrack): Promise<void> {
    this.local[source] = track;
    const producer = this.producers.get(source);
    if (producer) await producer.replaceTrack({ track });
    else if (this.state.phase === 'joined') await this.produce(source, track);
  }

  async startScreenShare(track: MediaStreamTrack): Promise<void> {
    this.local.screen = track;
    // The browser's own "Stop sharing" bar ends the track: treat it like our button.
    track.addEventListener('ended', () => void this.stopScreenShare(), { once: true });
    await this.produce('screen', track);
    this.emit();
  }

  async stopScreenShare(): Promise<void> {
    const producer = this.producers.get('screen');
    this.producers.delete('screen');
    if (producer) {
      producer.close();
      await this.signaling?.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
    }
    this.local.screen?.stop();
    delete this.local.screen;
    this.emit();
  }

  private async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.signaling
      ?.request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id })
      .catch(() => undefined);
    this.emit();
  }

  /** Closes media and signaling of the current generation (for a re-join or for good). */
  private teardown(): void {
    this.generation += 1;
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.producers.clear();
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
    for (const track of Object.values(this.local)) track.stop();
    this.emit();
  }
}
