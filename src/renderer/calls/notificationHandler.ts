// What each SFU notification changes in the engine's view of the call: who is there, what they
// send (and whether it is paused), who speaks; and the two that end this generation (the worker
// died → re-join; removed from the room → the call is over). Kept out of engine.ts so the engine
// stays about connecting and repairing.
import type { CallNotification } from '../../shared/call/index.ts';
import type { Removal } from './callState.ts';
import type { ParticipantBook } from './participants.ts';
import type { MediaReceiver } from './receiver.ts';

export interface NotificationTarget {
  book: ParticipantBook<MediaStreamTrack>;
  receiver: MediaReceiver;
  activeSpeaker: string | null;
  endRemoved(removal: Removal, by?: string): void;
  /** The call's media is gone on the SFU: re-join after `retryAfterMs`. */
  restart(retryAfterMs: number): void;
}

/** Applies one notification; returns true when the snapshot changed and should be emitted. */
export function applyNotification(target: NotificationTarget, n: CallNotification): boolean {
  const { book, receiver } = target;
  switch (n.method) {
    case 'newPeer':
      book.addPeer(n.data.peer);
      return true;
    case 'peerLeft':
      for (const producerId of book.removePeer(n.data.peerId)) receiver.drop(producerId);
      if (target.activeSpeaker === n.data.peerId) target.activeSpeaker = null;
      return true;
    case 'newProducer':
      book.addProducer(n.data.peerId, n.data.producerId, n.data.source, n.data.paused);
      // Queued if the receive transport does not exist yet (a join in progress): see consumeQueue.ts.
      receiver.announce(n.data.producerId);
      return true;
    case 'producerClosed':
    case 'consumerClosed':
      receiver.drop(n.data.producerId);
      return true;
    case 'producerPaused':
    case 'producerResumed':
      book.setPaused(n.data.producerId, n.method === 'producerPaused');
      return true;
    case 'activeSpeaker':
      target.activeSpeaker = n.data.peerId;
      return true;
    case 'removedFromCall':
      // Final: the SFU closes the socket next and would refuse a re-join.
      target.endRemoved(n.data.reason, n.data.by);
      return false;
    case 'callRestarting':
      target.restart(n.data.retryAfterMs);
      return false;
    default:
      return false;
  }
}
