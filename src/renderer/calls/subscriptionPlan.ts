// What to receive, decided from what is on screen: a large call costs each client only the tiles it
// shows. Pure, so the rules are tested without WebRTC; the receiver applies the plan (receiver.ts).
//
// Video: a camera is received while its tile is visible, at the simulcast layer that tile's width
// needs; the last-N speakers stay received (at the smallest layer) even off the page, since they sit
// on the first page and are what people return to. A screen is received only while shown.
// Audio: everyone up to `audioAllUpTo` remote people (about 40 kbit/s each: 20 voices are under
// 1 Mbit/s and decode cheaply); in a larger call only the last-K speakers, as a conference bridge
// does. The SFU's speaker detection sees every microphone, so whoever starts talking becomes a recent
// speaker and is resumed within about half a second (its first syllable may be lost: the price of
// a 150-person call not decoding 150 streams).
import type { MediaSource, SubscriptionSizes } from '../../shared/call/index.ts';
import { cameraLayerFor } from './grid.ts';

/**
 * lastN: speakers whose camera stays received off the page; audioAllUpTo: up to this many remote
 * microphones, everyone is heard; loudestK: above that, the speakers heard. The SFU's operator sets
 * them (`subscription` in its configuration, sent with the join answer).
 */
export type PlanOptions = SubscriptionSizes;

/** For an SFU that does not send its own (older than the field); the SFU's defaults are the same. */
export const DEFAULT_PLAN_OPTIONS: PlanOptions = { lastN: 4, audioAllUpTo: 20, loudestK: 6 };

/** How many recent speakers are worth remembering: enough for both the video and the audio rule. */
export function speakerMemory(options: PlanOptions): number {
  return Math.max(options.lastN, options.loudestK);
}

export interface PlanProducer {
  producerId: string;
  peerId: string;
  source: MediaSource;
}

/** A remote tile on screen now, with its width in CSS pixels. */
export interface VisibleTile {
  peerId: string;
  source: 'camera' | 'screen';
  width: number;
}

export type Decision = { paused: true } | { paused: false; spatialLayer?: number };

export interface PlanInput {
  producers: readonly PlanProducer[];
  /** Null until the call screen has said what it shows: then everything is received. */
  visible: readonly VisibleTile[] | null;
  /** Recent dominant speakers, most recent first (speakerHistory.ts). */
  speakers: readonly string[];
  options?: PlanOptions;
}

/** The simulcast layer kept for a speaker that is not on screen: the cheapest one. */
const OFFSCREEN_LAYER = 0;

export function subscriptionPlan({
  producers,
  visible,
  speakers,
  options = DEFAULT_PLAN_OPTIONS,
}: PlanInput): Map<string, Decision> {
  const plan = new Map<string, Decision>();
  const widths = new Map<string, number>();
  // Widest first: a camera shown twice (never today) gets the layer of its largest tile.
  for (const tile of visible ?? []) {
    const key = `${tile.peerId}/${tile.source}`;
    widths.set(key, Math.max(widths.get(key) ?? 0, tile.width));
  }
  const recentVideo = new Set(speakers.slice(0, options.lastN));
  const microphones = new Set(producers.filter((p) => p.source === 'microphone').map((p) => p.peerId));
  const hearEveryone = microphones.size <= options.audioAllUpTo;
  const heard = new Set(speakers.slice(0, options.loudestK));
  for (const p of producers) {
    const width = widths.get(`${p.peerId}/${p.source}`);
    switch (p.source) {
      case 'camera':
        if (visible === null) plan.set(p.producerId, { paused: false });
        else if (width !== undefined) plan.set(p.producerId, { paused: false, spatialLayer: cameraLayerFor(width) });
        else if (recentVideo.has(p.peerId)) plan.set(p.producerId, { paused: false, spatialLayer: OFFSCREEN_LAYER });
        else plan.set(p.producerId, { paused: true });
        break;
      case 'screen':
        // One encoding (no simulcast): shown or not.
        plan.set(p.producerId, visible === null || width !== undefined ? { paused: false } : { paused: true });
        break;
      case 'microphone':
        plan.set(p.producerId, hearEveryone || heard.has(p.peerId) ? { paused: false } : { paused: true });
        break;
      default:
        // Screen audio is not played in this version: no reason to receive it.
        plan.set(p.producerId, { paused: true });
    }
  }
  return plan;
}
