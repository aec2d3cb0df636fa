// End-to-end encryption of a call's media, on the main thread: my key (random, rotated when someone
// leaves, and a little after someone joins; see rotation.ts), sent to the others' devices through a
// key transport (toDeviceKeys.ts in the app: Olm-encrypted to-device messages in Element Call's
// format), their keys handed to the media worker, and the worker's transforms attached to every
// sender and receiver of the call.
import { KeyTransportEvents, type IKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/IKeyTransport.js';
import { rendererLogger } from '../../platform/log.ts';
import type { FrameKind } from './frameLayout.ts';
import { nextKeyIndex } from './keyRing.ts';
import { SELF, type FromWorker, type ToWorker, type TransformOptions } from './protocol.ts';
import { DEFAULT_ROTATION_POLICY, membershipChange, participantKey, keyUseDelay, type RotationPolicy } from './rotation.ts';

const log = rendererLogger('calls');
const KEY_BYTES = 16;

export interface CallDevice {
  userId: string;
  deviceId: string;
}

/** What the engine needs of media encryption (a test double can stand in). */
export interface CallMediaEncryption {
  attachSender(sender: RTCRtpSender, kind: FrameKind): void;
  attachReceiver(receiver: RTCRtpReceiver, kind: FrameKind, from: CallDevice): void;
  /** The devices now in the call (the SFU's peers), for key sharing and rotation. */
  setMembers(members: readonly CallDevice[]): void;
  /**
   * My connection to the SFU was lost and I am re-joining: the keys are kept (mine and the others'),
   * and those still there at the next `setMembers` are sent my current key again, for they may have
   * forgotten it when my old peer left.
   */
  rejoining(): void;
  /** Sends my current key to these devices again (a device back after its peer was replaced). */
  resend(devices: readonly CallDevice[]): void;
  /** Senders (participantKey) whose media does not decrypt: no key, or a wrong one. */
  failing(): ReadonlySet<string>;
  stop(): void;
}

/** Encoded transforms in a worker: Chromium 141+ (and Safari); the engine needs them to encrypt. */
export function mediaEncryptionSupported(): boolean {
  return typeof RTCRtpScriptTransform === 'function' && typeof Worker === 'function';
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export interface MediaEncryptionOptions {
  /** How keys travel (toDeviceKeyTransport in the app). */
  transport: IKeyTransport;
  /** Whether this user may receive my key: a joined member of the room (the SFU's word is not enough). */
  mayReceiveKeys(userId: string): boolean;
  /** The set of failing senders changed. */
  changed(): void;
  /** A sender's video decrypts again and needs a key frame (participantKey): ask the SFU for one. */
  keyFrameNeeded?(participant: string): void;
  policy?: RotationPolicy;
  createWorker?: () => Worker;
}

export class MediaEncryption implements CallMediaEncryption {
  private readonly worker: Worker;
  private readonly transport: IKeyTransport;
  private readonly options: MediaEncryptionOptions;
  private readonly policy: RotationPolicy;
  private members = new Map<string, CallDevice>();
  private readonly failingSenders = new Set<string>();
  private key = { index: 0, raw: new Uint8Array(KEY_BYTES) };
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private useTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private resendToAll = false;

  constructor(options: MediaEncryptionOptions) {
    this.options = options;
    this.policy = options.policy ?? DEFAULT_ROTATION_POLICY;
    this.worker =
      options.createWorker?.() ??
      new Worker(new URL('./frameWorker.ts', import.meta.url), { type: 'module', name: 'call-media' });
    this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type === 'key-frame-needed') {
        options.keyFrameNeeded?.(data.participant);
        return;
      }
      if (data.failing) this.failingSenders.add(data.participant);
      else this.failingSenders.delete(data.participant);
      options.changed();
    };
    this.transport = options.transport;
    this.transport.on(KeyTransportEvents.ReceivedKeys, (from, key, index) => {
      // The sender's user ID is Olm's; the device ID is the one they claim (as in Element Call).
      this.post({ type: 'set-key', participant: participantKey(from.userId, from.deviceId), index, raw: fromBase64(key) });
    });
    this.transport.start();
    this.newKey(0);
    this.post({ type: 'use-key', index: 0 });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private newKey(index: number): void {
    const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    this.key = { index, raw };
    this.post({ type: 'set-key', participant: SELF, index, raw });
  }

  attachSender(sender: RTCRtpSender, kind: FrameKind): void {
    const options: TransformOptions = { operation: 'encrypt', kind };
    sender.transform = new RTCRtpScriptTransform(this.worker, options);
  }

  attachReceiver(receiver: RTCRtpReceiver, kind: FrameKind, from: CallDevice): void {
    const options: TransformOptions = { operation: 'decrypt', kind, participant: participantKey(from.userId, from.deviceId) };
    receiver.transform = new RTCRtpScriptTransform(this.worker, options);
  }

  setMembers(members: readonly CallDevice[]): void {
    if (this.stopped) return;
    const next = new Map(members.map((m) => [participantKey(m.userId, m.deviceId), m]));
    const change = membershipChange(new Set(this.members.keys()), new Set(next.keys()));
    const stayed = this.resendToAll ? [...next].filter(([id]) => this.members.has(id)).map(([, m]) => m) : [];
    this.resendToAll = false;
    this.members = next;
    for (const gone of change.left) {
      this.post({ type: 'forget', participant: gone });
      this.failingSenders.delete(gone);
    }
    // Someone left (while I was re-joining, too): a new key, sent to everyone.
    if (change.rotate === 'now') return this.rotate();
    // Newcomers (and after my re-join, those still there) see me at once with the current key.
    this.share([...stayed, ...change.joined.map((id) => next.get(id)).filter((m) => m !== undefined)]);
    if (change.rotate === 'later') {
      // A new key follows a join.
      this.joinTimer ??= setTimeout(() => {
        this.joinTimer = null;
        this.rotate();
      }, this.policy.joinRotationDelayMs);
    }
  }

  rejoining(): void {
    this.resendToAll = true;
  }

  resend(devices: readonly CallDevice[]): void {
    if (!this.stopped) this.share(devices);
  }

  /** A new key, sent to everyone in the call now, and used once they have had time to receive it. */
  private rotate(): void {
    if (this.stopped) return;
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.newKey(nextKeyIndex(this.key.index));
    const index = this.key.index;
    this.share([...this.members.values()]);
    if (this.useTimer) clearTimeout(this.useTimer);
    this.useTimer = null;
    const delay = keyUseDelay(this.policy, this.members.size);
    if (delay === 0) return this.post({ type: 'use-key', index });
    this.useTimer = setTimeout(() => {
      this.useTimer = null;
      this.post({ type: 'use-key', index });
    }, delay);
  }

  private share(devices: readonly CallDevice[]): void {
    const targets = devices
      .filter((d) => this.options.mayReceiveKeys(d.userId))
      .map((d) => ({ userId: d.userId, deviceId: d.deviceId, membershipTs: 0 }));
    if (targets.length === 0) return;
    this.transport
      .sendKey(base64(this.key.raw), this.key.index, targets)
      .catch(log.swallow('sending the call media key to the other participants'));
  }

  failing(): ReadonlySet<string> {
    return this.failingSenders;
  }

  stop(): void {
    this.stopped = true;
    if (this.joinTimer) clearTimeout(this.joinTimer);
    if (this.useTimer) clearTimeout(this.useTimer);
    this.transport.stop();
    this.worker.terminate();
  }
}
