// What the SFU tells a client without being asked. Consumer notifications name the receiving
// client's own consumers; producer notifications describe what other peers send (so the app can show
// a muted tile, or a tile it has not consumed because it is paged out).
import { z } from 'zod';
import { mediaKindSchema, mediaSourceSchema } from './media.ts';
import { peerInfoSchema } from './requests.ts';

const id = z.string().min(1).max(128);
const layers = z.object({ spatialLayer: z.number().int(), temporalLayer: z.number().int().optional() }).nullable();
const score = z.object({ ssrc: z.number().optional(), rid: z.string().optional(), score: z.number() });

export const callNotifications = {
  newPeer: z.object({ peer: peerInfoSchema }),
  /**
   * `reason` is absent for an ordinary leave; `removed` when the SFU removed that peer (membership revoked).
   * `replaced`: the same device joined again (a reconnection, perhaps through another node), its new
   * peer follows: it is still in the call, and still holds the media keys it had (a field of its
   * own, not a reason, so that clients that do not know it read an ordinary leave).
   */
  peerLeft: z.object({ peerId: id, reason: z.enum(['left', 'removed']).optional(), replaced: z.literal(true).optional() }),
  /**
   * This client's user is no longer a joined member of the call's room (kicked, banned, left the
   * room on another device, or the account was deactivated): every transport, producer and consumer
   * of this peer is closed, re-joining is refused, and the server closes the socket right after.
   */
  removedFromCall: z.object({ reason: z.enum(['kicked', 'banned', 'left-room']), by: z.string().optional() }),
  newProducer: z.object({ peerId: id, producerId: id, kind: mediaKindSchema, source: mediaSourceSchema, paused: z.boolean() }),
  producerClosed: z.object({ peerId: id, producerId: id }),
  producerPaused: z.object({ peerId: id, producerId: id }),
  producerResumed: z.object({ peerId: id, producerId: id }),
  /** Quality of this client's own producer as the SFU receives it (0–10 per encoding). */
  producerScore: z.object({ producerId: id, score: z.array(score) }),
  /**
   * A consumer the server made on this client's behalf. This SFU creates consumers only on request
   * (`consume`), so this is reserved and not sent today; clients may ignore it.
   */
  newConsumer: z.object({ consumerId: id, producerId: id, peerId: id }),
  consumerClosed: z.object({ consumerId: id, producerId: id }),
  consumerPaused: z.object({ consumerId: id }),
  consumerResumed: z.object({ consumerId: id }),
  consumerLayersChanged: z.object({ consumerId: id, layers }),
  /** Dominant speaker in the call (null when nobody speaks). */
  activeSpeaker: z.object({ peerId: id.nullable() }),
  /**
   * The call's media state is gone (its worker died, or the server is stopping): every transport,
   * producer and consumer is closed. Join again after `retryAfterMs` (on the same connection for
   * `worker-died`; on a new one for `server-shutdown`, which closes the socket).
   */
  callRestarting: z.object({ reason: z.enum(['worker-died', 'server-shutdown']), retryAfterMs: z.number().int().min(0) }),
} as const satisfies Record<string, z.ZodType>;

export type CallNotificationMethod = keyof typeof callNotifications;
export type CallNotificationData<N extends CallNotificationMethod> = z.output<(typeof callNotifications)[N]>;
/** A notification as a tagged union, convenient for a `switch (n.method)`. */
export type CallNotification = {
  [N in CallNotificationMethod]: { method: N; data: CallNotificationData<N> };
}[CallNotificationMethod];

export function isCallNotificationMethod(value: unknown): value is CallNotificationMethod {
  return typeof value === 'string' && Object.hasOwn(callNotifications, value);
}
