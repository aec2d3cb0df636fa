// The call's life as a pure reducer, so every transition (including the reconnect paths) is unit
// tested without WebRTC. The engine reports what happened; the reducer decides what state that is
// and whether to try again. Recovery never asks the user: media drops are repaired by an ICE
// restart, signaling drops by re-joining, each retried with a short capped backoff.

export type CallErrorCode =
  | 'no-sfu'
  | 'invalid-sfu-url'
  | 'sfu-unreachable'
  | 'not-allowed'
  | 'auth-failed'
  | 'media-denied'
  | 'membership-forbidden'
  | 'call-full'
  | 'unknown';

export type Recovery = 'ice-restart' | 'rejoin';

export type CallState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'joined'; since: number }
  | { phase: 'reconnecting'; recovery: Recovery; attempt: number }
  | { phase: 'failed'; error: CallErrorCode }
  | { phase: 'left' };

export type CallEvent =
  | { type: 'join' }
  | { type: 'joined'; at: number }
  | { type: 'media-dropped' }
  | { type: 'signaling-dropped' }
  | { type: 'recovery-failed' }
  | { type: 'error'; error: CallErrorCode }
  | { type: 'leave' };

export const INITIAL_CALL_STATE: CallState = { phase: 'idle' };

/** Attempts before giving up and telling the user; with the backoff below that is about a minute. */
export const MAX_RECOVERY_ATTEMPTS = 15;

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'join':
      return state.phase === 'connecting' || state.phase === 'joined' ? state : { phase: 'connecting' };
    case 'joined':
      return state.phase === 'connecting' || state.phase === 'reconnecting' ? { phase: 'joined', since: event.at } : state;
    case 'media-dropped':
      // A signaling re-join already rebuilds the transports: an ICE restart on top would race it.
      if (state.phase === 'joined') return { phase: 'reconnecting', recovery: 'ice-restart', attempt: 1 };
      return state;
    case 'signaling-dropped':
      if (state.phase === 'joined' || (state.phase === 'reconnecting' && state.recovery === 'ice-restart'))
        return { phase: 'reconnecting', recovery: 'rejoin', attempt: 1 };
      if (state.phase === 'connecting') return { phase: 'failed', error: 'sfu-unreachable' };
      return state;
    case 'recovery-failed':
      if (state.phase !== 'reconnecting') return state;
      if (state.attempt >= MAX_RECOVERY_ATTEMPTS) return { phase: 'failed', error: 'sfu-unreachable' };
      // An ICE restart that keeps failing usually means the SFU lost our transport: re-join.
      return { phase: 'reconnecting', recovery: state.attempt >= 2 ? 'rejoin' : state.recovery, attempt: state.attempt + 1 };
    case 'error':
      return state.phase === 'left' ? state : { phase: 'failed', error: event.error };
    case 'leave':
      return state.phase === 'idle' ? state : { phase: 'left' };
  }
}

/** Delay before a recovery attempt: immediate first, then doubling, capped at 5 s. */
export function recoveryDelayMs(attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(5_000, 250 * 2 ** (attempt - 1));
}

export function isInCall(state: CallState): boolean {
  return state.phase === 'connecting' || state.phase === 'joined' || state.phase === 'reconnecting';
}
