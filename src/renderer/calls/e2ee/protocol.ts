// Messages between the call engine and the media worker (frameWorker.ts).
import type { FrameKind } from './frameLayout.ts';

/** Who a key or a stream belongs to: `userId|deviceId` (participantKey), or SELF for my own. */
export const SELF = 'self';

export type ToWorker =
  /** A raw key (16 bytes) a participant shared, or mine. */
  | { type: 'set-key'; participant: string; index: number; raw: Uint8Array<ArrayBuffer> }
  /** My frames use this key index from now on. */
  | { type: 'use-key'; index: number }
  | { type: 'forget'; participant: string };

export type FromWorker =
  | { type: 'health'; participant: string; failing: boolean }
  /** This participant's video decrypts again but its decoder lacks a key frame (keyFrameNeed.ts). */
  | { type: 'key-frame-needed'; participant: string };

/** The options of an RTCRtpScriptTransform, read by the worker's rtctransform handler. */
export type TransformOptions =
  { operation: 'encrypt'; kind: FrameKind } | { operation: 'decrypt'; kind: FrameKind; participant: string };
