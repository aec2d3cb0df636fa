// The media worker: every outgoing frame is encrypted under my current key, every incoming frame
// decrypted under its sender's key (by the key index in its trailer). It runs the encoded
// transforms (RTCRtpScriptTransform) the engine attaches to each RTCRtpSender and RTCRtpReceiver, so
// no frame reaches the network or a decoder without passing here. A frame that does not decrypt is
// dropped, never passed on: a tile shows "cannot decrypt", not garbage.
import { decryptFrame, deriveFrameKey, encryptFrame } from './frameCrypto.ts';
import { DecryptHealth } from './decryptHealth.ts';
import { KeyFrameNeed } from './keyFrameNeed.ts';
import { clearHeaderBytes, frameIv } from './frameLayout.ts';
import { KeyRing } from './keyRing.ts';
import { SELF, type FromWorker, type ToWorker, type TransformOptions } from './protocol.ts';

type EncodedFrame = RTCEncodedVideoFrame | RTCEncodedAudioFrame;

interface RtcTransformer {
  readable: ReadableStream<EncodedFrame>;
  writable: WritableStream<EncodedFrame>;
  options: TransformOptions;
}

// The DOM library types this file; the worker-only parts it uses are typed here.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  onrtctransform: ((event: { transformer: RtcTransformer }) => void) | null;
  postMessage(message: FromWorker): void;
};

const keys = new KeyRing<CryptoKey>();
const health = new DecryptHealth();
const keyFrames = new KeyFrameNeed();
let sendIndex: number | null = null;
/** Per-stream frame counters: the last part of the IV. */
const counters = new Map<number, number>();
/** Keys arrive in order of sending; deriving is async, so each waits for the one before. */
let keyChain: Promise<void> = Promise.resolve();

scope.onmessage = ({ data }) => {
  if (data.type === 'set-key')
    keyChain = keyChain.then(async () => keys.set(data.participant, data.index, await deriveFrameKey(data.raw)));
  else if (data.type === 'use-key') keyChain = keyChain.then(() => void (sendIndex = data.index));
  else {
    keys.forget(data.participant);
    health.forget(data.participant);
    keyFrames.forget(data.participant);
  }
};

function isKeyFrame(frame: EncodedFrame): boolean {
  return 'type' in frame && frame.type === 'key';
}

async function encrypt(frame: EncodedFrame, options: TransformOptions): Promise<EncodedFrame | null> {
  const key = sendIndex === null ? undefined : keys.get(SELF, sendIndex);
  // No key yet: nothing leaves in clear.
  if (!key || sendIndex === null) return null;
  const meta = frame.getMetadata();
  const ssrc = meta.synchronizationSource ?? 0;
  const counter = (counters.get(ssrc) ?? 0) + 1;
  counters.set(ssrc, counter);
  const iv = frameIv(ssrc, meta.rtpTimestamp ?? frame.timestamp, counter);
  const header = clearHeaderBytes(options.kind, meta.mimeType, isKeyFrame(frame));
  frame.data = (await encryptFrame(new Uint8Array(frame.data), header, key, sendIndex, iv)).buffer;
  return frame;
}

async function decrypt(frame: EncodedFrame, options: TransformOptions & { operation: 'decrypt' }): Promise<EncodedFrame | null> {
  const header = clearHeaderBytes(options.kind, frame.getMetadata().mimeType, isKeyFrame(frame));
  const result = await decryptFrame(new Uint8Array(frame.data), header, (index) => keys.get(options.participant, index));
  const changed = health.record(options.participant, result.ok, Date.now());
  if (changed !== null) scope.postMessage({ type: 'health', participant: options.participant, failing: changed });
  if (options.kind === 'video' && keyFrames.record(options.participant, result.ok, isKeyFrame(frame), Date.now()))
    scope.postMessage({ type: 'key-frame-needed', participant: options.participant });
  if (!result.ok) return null;
  frame.data = result.data.buffer;
  return frame;
}

scope.onrtctransform = ({ transformer }) => {
  const options = transformer.options;
  const transform = new TransformStream<EncodedFrame, EncodedFrame>({
    async transform(frame, controller) {
      // An empty frame (a paused track's padding) carries nothing to protect.
      if (frame.data.byteLength === 0) return controller.enqueue(frame);
      const out = options.operation === 'encrypt' ? await encrypt(frame, options) : await decrypt(frame, options);
      if (out) controller.enqueue(out);
    },
  });
  void transformer.readable.pipeThrough(transform).pipeTo(transformer.writable);
};
