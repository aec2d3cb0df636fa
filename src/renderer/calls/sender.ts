// What I send in a call: microphone, camera (three simulcast layers) and screen, each a mediasoup
// producer on the send transport. It keeps the tracks across a re-join (a new transport gets the
// same tracks again) and keeps mute state on the wire: a paused producer sends no RTP at all.
import type { Producer, Transport } from 'mediasoup-client/types';
import type { MediaSource } from '../../shared/call/index.ts';
import { CAMERA_SIMULCAST, SCREEN_ENCODING } from './localMedia.ts';
import type { SignalingClient } from './signaling.ts';
import type { CallMediaEncryption } from './e2ee/mediaEncryption.ts';
import { rendererLogger } from '../platform/log.ts';

export class MediaSender {
  private readonly producers = new Map<MediaSource, Producer>();
  readonly local: Partial<Record<MediaSource, MediaStreamTrack>> = {};
  micOn = true;
  camOn = true;
  private readonly link: {
    transport(): Transport | null;
    signaling(): SignalingClient | null;
    changed(): void;
    /** Media encryption: it wraps each RTCRtpSender before the first frame leaves (null: not encrypted). */
    encryption(): CallMediaEncryption | null;
  };

  constructor(link: MediaSender['link']) {
    this.link = link;
  }

  /** `keepMuteState`: a rejoin keeps a muted microphone muted and a camera turned off off. */
  setInitialTracks(
    tracks: { microphone: MediaStreamTrack | null; camera: MediaStreamTrack | null },
    keepMuteState = false,
  ): void {
    if (tracks.microphone) this.local.microphone = tracks.microphone;
    if (tracks.camera) this.local.camera = tracks.camera;
    this.micOn = tracks.microphone !== null && (!keepMuteState || this.micOn);
    this.camOn = tracks.camera !== null;
  }

  /**
   * After (re)creating the send transport: produce every track we hold (one at a time: the transport
   * negotiates each). The camera first: video needs a key frame and a decoder at the other end, so it
   * takes the longest to come through; the microphone's few packets follow it closely.
   */
  async produceAll(): Promise<void> {
    for (const source of ['camera', 'microphone', 'screen'] as const) {
      const track = this.local[source];
      if (track) await this.produce(source, track);
    }
  }

  /** The transport is gone: its producers with it. */
  forgetProducers(): void {
    this.producers.clear();
  }

  private async produce(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const transport = this.link.transport();
    if (!transport) return;
    const paused = (source === 'microphone' && !this.micOn) || (source === 'camera' && !this.camOn);
    const encryption = this.link.encryption();
    const producer = await transport.produce({
      track,
      // Called before the transport connects: no frame can leave unencrypted.
      ...(encryption
        ? { onRtpSender: (sender: RTCRtpSender) => encryption.attachSender(sender, track.kind === 'audio' ? 'audio' : 'video') }
        : {}),
      ...(source === 'camera' ? { encodings: CAMERA_SIMULCAST } : source === 'screen' ? { encodings: SCREEN_ENCODING } : {}),
      ...(source === 'microphone' ? { codecOptions: { opusDtx: true, opusFec: true } } : {}),
      // The tracks belong to the call (device choice, re-join): closing a producer must not stop them.
      stopTracks: false,
      // Muted means silent on the wire too, not a stream of silence or black frames.
      zeroRtpOnPause: true,
      appData: { source, paused },
    });
    if (paused) producer.pause();
    this.producers.set(source, producer);
  }

  private async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.link
      .signaling()
      ?.request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id })
      .catch(rendererLogger('calls').swallow('telling the call server about a paused or resumed track'));
    this.link.changed();
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.micOn = on;
    await this.setPaused('microphone', !on);
    this.link.changed();
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
    this.link.changed();
  }

  /** Another microphone or camera chosen (or the old one unplugged). */
  async replaceTrack(source: 'microphone' | 'camera', track: MediaStreamTrack): Promise<void> {
    const old = this.local[source];
    this.local[source] = track;
    const producer = this.producers.get(source);
    if (producer) await producer.replaceTrack({ track });
    else await this.produce(source, track);
    if (old !== track) old?.stop();
    this.link.changed();
  }

  async startScreenShare(track: MediaStreamTrack): Promise<void> {
    this.local.screen = track;
    // The browser's own "Stop sharing" bar ends the track: treat it like our button.
    track.addEventListener('ended', () => void this.stopScreenShare(), { once: true });
    await this.produce('screen', track);
    this.link.changed();
  }

  async stopScreenShare(): Promise<void> {
    const producer = this.producers.get('screen');
    this.producers.delete('screen');
    if (producer) {
      producer.close();
      await this.link
        .signaling()
        ?.request('closeProducer', { producerId: producer.id })
        .catch(rendererLogger('calls').swallow('closing the screen share on the call server'));
    }
    this.local.screen?.stop();
    delete this.local.screen;
    this.link.changed();
  }

  /** My side of the call's snapshot: mute state and the self view's tracks. */
  view(): {
    micOn: boolean;
    camOn: boolean;
    sharing: boolean;
    localVideo: MediaStreamTrack | null;
    localScreen: MediaStreamTrack | null;
  } {
    return {
      micOn: this.micOn,
      camOn: this.camOn,
      sharing: this.local.screen !== undefined,
      localVideo: this.camOn ? (this.local.camera ?? null) : null,
      localScreen: this.local.screen ?? null,
    };
  }

  /** The call ended: every track stopped and forgotten (a rejoin captures fresh ones). */
  stopAll(): void {
    for (const track of Object.values(this.local)) track.stop();
    delete this.local.microphone;
    delete this.local.camera;
    delete this.local.screen;
    this.producers.clear();
  }
}
