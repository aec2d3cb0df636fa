// The life of one signaling connection, as a pure state machine (unit tested on its own):
//   connected --join--> joining --ok--> joined --leave / evicted--> connected
//                           \--refused--> connected          any --socket closed--> closed
// Only getRouterRtpCapabilities and join are allowed before a successful join: an unauthenticated
// connection cannot create anything on a worker. A client may send its next requests (its two
// transports) right behind `join` without waiting for the answer: those that arrive while the join
// is being verified are held, a few at most, and decided once it is over — run if it succeeded,
// refused (`not-joined`) exactly as before if it did not. Nothing runs before the join succeeded.
import { CallError, type CallMethod } from '../../src/shared/call/index.ts';

export type SessionPhase = 'connected' | 'joining' | 'joined' | 'closed';
export type SessionEvent = 'join-started' | 'join-succeeded' | 'join-failed' | 'left' | 'evicted' | 'socket-closed';

const BEFORE_JOIN: ReadonlySet<CallMethod> = new Set(['getRouterRtpCapabilities', 'join', 'leave']);

/** Requests held behind a join in progress, per connection; more are refused at once (`not-joined`). */
export const MAX_HELD_DURING_JOIN = 4;

/** Whether a request waits for the join in progress to end before it is decided (see `refuseInPhase`). */
export function waitsForJoin(phase: SessionPhase, method: CallMethod, alreadyHeld: number): boolean {
  return phase === 'joining' && !BEFORE_JOIN.has(method) && alreadyHeld < MAX_HELD_DURING_JOIN;
}

/** Why a method may not run in this phase, or null when it may. */
export function refuseInPhase(phase: SessionPhase, method: CallMethod): CallError | null {
  if (phase === 'closed') return new CallError('connection-closed', 'The connection is closing');
  if (method === 'join') {
    if (phase === 'joining') return new CallError('already-joined', 'A join is already in progress');
    if (phase === 'joined') return new CallError('already-joined', 'Already in a call: leave first');
    return null;
  }
  if (phase !== 'joined' && !BEFORE_JOIN.has(method))
    return new CallError('not-joined', `${method} needs a successful join first`);
  return null;
}

export function nextPhase(phase: SessionPhase, event: SessionEvent): SessionPhase {
  if (event === 'socket-closed' || phase === 'closed') return 'closed';
  switch (event) {
    case 'join-started':
      return phase === 'connected' ? 'joining' : phase;
    case 'join-succeeded':
      return phase === 'joining' ? 'joined' : phase;
    case 'join-failed':
      return phase === 'joining' ? 'connected' : phase;
    case 'left':
    case 'evicted':
      return 'connected';
  }
}
