// The call's life as a pure reducer, so every transition (including the reconnect paths) is unit
// tested without WebRTC. The engine reports what happened (with the time it happened); the reducer
// decides what state that is and whether to try again. Recovery never asks the user: media drops
// are repaired by an ICE restart, signaling drops by re-joining, retried within a retry window: every
// 250 ms while the SFU cannot be reached at all, with a capped backoff after failures at the SFU
// (retrySchedule.ts). Past the window the call *ends* (it does not linger with a dead view):
// the app stops the tracks, clears the membership and offers Rejoin. A removal from the room ends
// it for good, without retry.
import { nextRetryDelayMs } from './retrySchedule.ts';

export type CallErrorCode =
  | 'no-sfu'
  | 'invalid-sfu-url'
  | 'sfu-unreachable'
  | 'not-allowed'
  | 'auth-failed'
  | 'media-denied'
  | 'membership-forbidden'
  | 'encryption-unsupported'
  | 'call-full'
  | 'rate-limited'
  | 'limit-exceeded'
  | 'server-busy'
  | 'removed'
  /** The room's call runs on a focus Relais cannot join (Element Call's LiveKit). */
  | 'foreign-call'
  | 'unknown';

export type Recovery = 'ice-restart' | 'rejoin';

/** How the user stopped being a member of the call's room (from Matrix, or the SFU's removedFromCall). */
export type Removal = 'kicked' | 'banned' | 'left-room';

export type EndReason = { kind: 'sfu-unreachable' } | { kind: 'removed'; removal: Removal; by?: string };

export type CallState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'joined'; since: number }
  | {
      phase: 'reconnecting';
      recovery: Recovery;
      attempt: number;
      /** When the connection was lost: the retry window and the elapsed time shown count from here. */
      lostAt: number;
      /** When the call was first joined (the call bar's duration survives a reconnection). */
      callSince: number;
      /** Failed attempts that reached the SFU: they set the backoff (retrySchedule.ts). */
      refusals: number;
      /** Wait before the next attempt (backoff, or the SFU's retryAfterMs when it asked for one). */
      delayMs: number;
    }
  | { phase: 'failed'; error: CallErrorCode }
  | { phase: 'ended'; reason: EndReason; at: number }
  | { phase: 'left' };

export type CallEvent =
  | { type: 'join' }
  | { type: 'joined'; at: number }
  | { type: 'media-dropped'; at: number }
  | { type: 'signaling-dropped'; at: number }
  /** `reachedSfu`: the attempt's socket opened (false: the SFU is down or restarting). */
  | { type: 'recovery-failed'; at: number; reachedSfu: boolean; retryAfterMs?: number }
  | { type: 'error'; error: CallErrorCode }
  | { type: 'removed'; removal: Removal; by?: string; at: number }
  /** A rejoin after an outage found the SFU still unreachable: back to the outage's end. */
  | { type: 'still-unreachable'; endedAt: number }
  | { type: 'leave' };

export interface RecoveryPolicy {
  /** How long the client keeps trying before it ends the call (the SFU or the network is gone). */
  retryWindowMs: number;
  /** Cap of the backoff after failures at the SFU. */
  maxDelayMs: number;
}

/** About a minute of retries; failures at the SFU back off to 2 s, an unreachable SFU is tried every 250 ms. */
export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = { retryWindowMs: 60_000, maxDelayMs: 2_000 };

export const INITIAL_CALL_STATE: CallState = { phase: 'idle' };

/** The first attempt is immediate; see retrySchedule.ts for the next ones. */
function reconnecting(recovery: Recovery, lostAt: number, callSince: number): CallState {
  return { phase: 'reconnecting', recovery, attempt: 1, lostAt, callSince, refusals: 0, delayMs: 0 };
}

export function createCallReducer(policy: RecoveryPolicy): (state: CallState, event: CallEvent) => CallState {
  return (state, event) => {
    switch (event.type) {
      case 'join':
        return state.phase === 'connecting' || state.phase === 'joined' || state.phase === 'reconnecting'
          ? state
          : { phase: 'connecting' };
      case 'joined':
        if (state.phase === 'connecting') return { phase: 'joined', since: event.at };
        // A repaired call keeps its start time: the duration shown does not restart at 0.
        if (state.phase === 'reconnecting') return { phase: 'joined', since: state.callSince };
        return state;
      case 'media-dropped':
        // A signaling re-join already rebuilds the transports: an ICE restart on top would race it.
        return state.phase === 'joined' ? reconnecting('ice-restart', event.at, state.since) : state;
      case 'signaling-dropped':
        if (state.phase === 'joined') return reconnecting('rejoin', event.at, state.since);
        if (state.phase === 'reconnecting' && state.recovery === 'ice-restart') return { ...state, recovery: 'rejoin' };
        if (state.phase === 'connecting') return { phase: 'failed', error: 'sfu-unreachable' };
        return state;
      case 'recovery-failed': {
        if (state.phase !== 'reconnecting') return state;
        const attempt = state.attempt + 1;
        const refusals = state.refusals + (event.reachedSfu ? 1 : 0);
        const delayMs = nextRetryDelayMs(
          { reachedSfu: event.reachedSfu, refusals, retryAfterMs: event.retryAfterMs },
          policy.maxDelayMs,
        );
        // Past the window (or when the next attempt would start past it): end, do not linger.
        if (event.at + delayMs - state.lostAt >= policy.retryWindowMs)
          return { phase: 'ended', reason: { kind: 'sfu-unreachable' }, at: event.at };
        // An ICE restart that keeps failing usually means the SFU lost our transport: re-join.
        return { ...state, attempt, refusals, delayMs, recovery: state.attempt >= 2 ? 'rejoin' : state.recovery };
      }
      case 'error':
        return state.phase === 'left' || state.phase === 'ended' ? state : { phase: 'failed', error: event.error };
      case 'removed':
        // Final: no retry can bring a removed member back, and the SFU would refuse it anyway.
        if (state.phase === 'idle' || state.phase === 'left') return state;
        if (state.phase === 'ended' && state.reason.kind === 'removed') return state;
        return {
          phase: 'ended',
          reason: { kind: 'removed', removal: event.removal, ...(event.by === undefined ? {} : { by: event.by }) },
          at: event.at,
        };
      case 'still-unreachable':
        return state.phase === 'connecting' ? { phase: 'ended', reason: { kind: 'sfu-unreachable' }, at: event.endedAt } : state;
      case 'leave':
        return state.phase === 'idle' ? state : { phase: 'left' };
    }
  };
}

export const callReducer = createCallReducer(DEFAULT_RECOVERY_POLICY);

/** Connecting, in the call, or repairing it: the media and the membership are live. */
export function isInCall(state: CallState): boolean {
  return state.phase === 'connecting' || state.phase === 'joined' || state.phase === 'reconnecting';
}

/** Ended because the SFU stayed unreachable: the one end the app may undo by itself. */
export function endedByOutage(state: CallState): boolean {
  return state.phase === 'ended' && state.reason.kind === 'sfu-unreachable';
}
