import { describe, expect, it } from 'vitest';
import {
  callReducer,
  INITIAL_CALL_STATE,
  isInCall,
  MAX_RECOVERY_ATTEMPTS,
  recoveryDelayMs,
  type CallEvent,
  type CallState,
} from '../../../src/renderer/calls/callState.ts';

const run = (events: CallEvent[], from: CallState = INITIAL_CALL_STATE) => events.reduce(callReducer, from);

describe('call state machine', () => {
  it('joins, then leaves', () => {
    expect(run([{ type: 'join' }])).toEqual({ phase: 'connecting' });
    expect(run([{ type: 'join' }, { type: 'joined', at: 5 }])).toEqual({ phase: 'joined', since: 5 });
    expect(run([{ type: 'join' }, { type: 'joined', at: 5 }, { type: 'leave' }])).toEqual({ phase: 'left' });
  });

  it('repairs a media drop with an ICE restart, and a signaling drop with a re-join', () => {
    const joined = run([{ type: 'join' }, { type: 'joined', at: 1 }]);
    expect(callReducer(joined, { type: 'media-dropped' })).toEqual({
      phase: 'reconnecting',
      recovery: 'ice-restart',
      attempt: 1,
    });
    expect(callReducer(joined, { type: 'signaling-dropped' })).toEqual({ phase: 'reconnecting', recovery: 'rejoin', attempt: 1 });
    // Signaling loss during an ICE restart escalates to a re-join.
    expect(run([{ type: 'media-dropped' }, { type: 'signaling-dropped' }], joined)).toMatchObject({ recovery: 'rejoin' });
    // A media drop during a re-join does not start a competing ICE restart.
    expect(run([{ type: 'signaling-dropped' }, { type: 'media-dropped' }], joined)).toMatchObject({ recovery: 'rejoin' });
    expect(run([{ type: 'media-dropped' }, { type: 'joined', at: 9 }], joined)).toEqual({ phase: 'joined', since: 9 });
  });

  it('escalates repeated ICE restart failures to a re-join, and gives up after the limit', () => {
    const joined = run([{ type: 'join' }, { type: 'joined', at: 1 }]);
    const once = run([{ type: 'media-dropped' }, { type: 'recovery-failed' }], joined);
    expect(once).toEqual({ phase: 'reconnecting', recovery: 'ice-restart', attempt: 2 });
    expect(callReducer(once, { type: 'recovery-failed' })).toEqual({ phase: 'reconnecting', recovery: 'rejoin', attempt: 3 });
    let state: CallState = once;
    for (let i = 0; i < MAX_RECOVERY_ATTEMPTS; i += 1) state = callReducer(state, { type: 'recovery-failed' });
    expect(state).toEqual({ phase: 'failed', error: 'sfu-unreachable' });
  });

  it('reports errors, and an unreachable SFU while connecting', () => {
    expect(run([{ type: 'join' }, { type: 'error', error: 'not-allowed' }])).toEqual({ phase: 'failed', error: 'not-allowed' });
    expect(run([{ type: 'join' }, { type: 'signaling-dropped' }])).toEqual({ phase: 'failed', error: 'sfu-unreachable' });
    expect(run([{ type: 'join' }, { type: 'leave' }, { type: 'error', error: 'unknown' }])).toEqual({ phase: 'left' });
  });

  it('ignores events that do not apply', () => {
    expect(run([{ type: 'joined', at: 1 }])).toEqual(INITIAL_CALL_STATE);
    expect(run([{ type: 'media-dropped' }, { type: 'recovery-failed' }, { type: 'leave' }])).toEqual(INITIAL_CALL_STATE);
    const joined = run([{ type: 'join' }, { type: 'joined', at: 1 }]);
    expect(callReducer(joined, { type: 'join' })).toBe(joined);
  });

  it('retries at once, then backs off to at most 5 s (a few seconds to recover, no user action)', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(recoveryDelayMs)).toEqual([0, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(isInCall({ phase: 'reconnecting', recovery: 'rejoin', attempt: 1 })).toBe(true);
    expect(isInCall({ phase: 'failed', error: 'unknown' })).toBe(false);
  });
});
