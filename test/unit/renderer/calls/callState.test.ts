import { describe, expect, it } from 'vitest';
import {
  callReducer,
  createCallReducer,
  endedByOutage,
  INITIAL_CALL_STATE,
  isInCall,
  type CallEvent,
  type CallState,
} from '../../../../src/renderer/calls/callState.ts';

const run = (events: CallEvent[], from: CallState = INITIAL_CALL_STATE) => events.reduce((s, e) => callReducer(s, e), from);
const joinedAt = (since: number) => run([{ type: 'join' }, { type: 'joined', at: since }]);

describe('call state machine', () => {
  it('joins, then leaves', () => {
    expect(run([{ type: 'join' }])).toEqual({ phase: 'connecting' });
    expect(joinedAt(5)).toEqual({ phase: 'joined', since: 5 });
    expect(run([{ type: 'leave' }], joinedAt(5))).toEqual({ phase: 'left' });
  });

  it('repairs a media drop with an ICE restart, and a signaling drop with a re-join; the call keeps its start time', () => {
    const joined = joinedAt(1);
    expect(callReducer(joined, { type: 'media-dropped', at: 10 })).toEqual({
      phase: 'reconnecting',
      recovery: 'ice-restart',
      attempt: 1,
      lostAt: 10,
      callSince: 1,
      refusals: 0,
      delayMs: 0,
    });
    expect(callReducer(joined, { type: 'signaling-dropped', at: 10 })).toMatchObject({ recovery: 'rejoin', lostAt: 10 });
    // Signaling loss during an ICE restart escalates to a re-join, without restarting the window.
    expect(
      run(
        [
          { type: 'media-dropped', at: 10 },
          { type: 'signaling-dropped', at: 20 },
        ],
        joined,
      ),
    ).toMatchObject({ recovery: 'rejoin', lostAt: 10 });
    // A media drop during a re-join does not start a competing ICE restart.
    expect(
      run(
        [
          { type: 'signaling-dropped', at: 10 },
          { type: 'media-dropped', at: 11 },
        ],
        joined,
      ),
    ).toMatchObject({ recovery: 'rejoin' });
    expect(
      run(
        [
          { type: 'media-dropped', at: 10 },
          { type: 'joined', at: 99 },
        ],
        joined,
      ),
    ).toEqual({ phase: 'joined', since: 1 });
  });

  it('backs off between attempts, escalates ICE restarts to a re-join, and ends the call past the retry window', () => {
    const reduce = createCallReducer({ retryWindowMs: 60_000, maxDelayMs: 5_000 });
    let state = reduce(joinedAt(0), { type: 'media-dropped', at: 1_000 });
    state = reduce(state, { type: 'recovery-failed', at: 1_100, reachedSfu: true });
    expect(state).toMatchObject({ phase: 'reconnecting', recovery: 'ice-restart', attempt: 2, delayMs: 500 });
    state = reduce(state, { type: 'recovery-failed', at: 1_700, reachedSfu: true });
    expect(state).toMatchObject({ recovery: 'rejoin', attempt: 3, delayMs: 1_000 });
    // Keep failing: still reconnecting just before the window closes, ended once it has.
    let at = 1_700;
    while (state.phase === 'reconnecting') {
      at += state.delayMs + 100;
      state = reduce(state, { type: 'recovery-failed', at, reachedSfu: true });
    }
    expect(state).toEqual({ phase: 'ended', reason: { kind: 'sfu-unreachable' }, at });
    expect(at - 1_000).toBeGreaterThan(50_000);
    expect(at - 1_000).toBeLessThanOrEqual(60_000);
    expect(endedByOutage(state)).toBe(true);
    expect(isInCall(state)).toBe(false);
  });

  it('waits as long as the SFU asks (rate-limited, server-busy), and ends if that wait passes the window', () => {
    const reduce = createCallReducer({ retryWindowMs: 60_000, maxDelayMs: 5_000 });
    const lost = reduce(joinedAt(0), { type: 'signaling-dropped', at: 0 });
    expect(reduce(lost, { type: 'recovery-failed', at: 100, reachedSfu: true, retryAfterMs: 8_000 })).toMatchObject({
      delayMs: 8_000,
    });
    expect(reduce(lost, { type: 'recovery-failed', at: 100, reachedSfu: true, retryAfterMs: 90_000 })).toMatchObject({
      phase: 'ended',
    });
  });

  it('looks for an SFU that cannot be reached every 250 ms, however long it has been away, within the same window', () => {
    const reduce = createCallReducer({ retryWindowMs: 60_000, maxDelayMs: 2_000 });
    let state = reduce(joinedAt(0), { type: 'signaling-dropped', at: 1_000 });
    let at = 1_000;
    const delays: number[] = [];
    while (state.phase === 'reconnecting') {
      at += state.delayMs + 5;
      state = reduce(state, { type: 'recovery-failed', at, reachedSfu: false });
      if (state.phase === 'reconnecting') delays.push(state.delayMs);
    }
    expect(new Set(delays)).toEqual(new Set([250]));
    expect(delays.length).toBeGreaterThan(200);
    // The window is unchanged: the call ends once the next try would start past it.
    expect(state).toMatchObject({ phase: 'ended', reason: { kind: 'sfu-unreachable' } });
    expect(at - 1_000).toBeGreaterThan(59_000);
    expect(at - 1_000).toBeLessThanOrEqual(60_000);
  });

  it('backs off only on the attempts that reached the SFU, after any number that did not', () => {
    const reduce = createCallReducer({ retryWindowMs: 60_000, maxDelayMs: 2_000 });
    let state = reduce(joinedAt(0), { type: 'signaling-dropped', at: 0 });
    for (let i = 1; i <= 20; i += 1) state = reduce(state, { type: 'recovery-failed', at: i * 250, reachedSfu: false });
    expect(state).toMatchObject({ attempt: 21, refusals: 0, delayMs: 250 });
    state = reduce(state, { type: 'recovery-failed', at: 5_500, reachedSfu: true });
    expect(state).toMatchObject({ refusals: 1, delayMs: 500 });
    state = reduce(state, { type: 'recovery-failed', at: 6_100, reachedSfu: false });
    expect(state).toMatchObject({ refusals: 1, delayMs: 250 });
    state = reduce(state, { type: 'recovery-failed', at: 6_400, reachedSfu: true });
    expect(state).toMatchObject({ refusals: 2, delayMs: 1_000 });
  });

  it('ends for good when the user is removed from the room, whatever it was doing', () => {
    const removed: CallEvent = { type: 'removed', removal: 'kicked', by: '@admin:x', at: 7 };
    const expected = { phase: 'ended', reason: { kind: 'removed', removal: 'kicked', by: '@admin:x' }, at: 7 };
    expect(callReducer(joinedAt(1), removed)).toEqual(expected);
    expect(run([{ type: 'signaling-dropped', at: 2 }, removed], joinedAt(1))).toEqual(expected);
    expect(run([removed], { phase: 'connecting' })).toEqual(expected);
    // An outage end becomes a removal (no more auto-rejoin); a removal stays a removal.
    const outage: CallState = { phase: 'ended', reason: { kind: 'sfu-unreachable' }, at: 3 };
    expect(callReducer(outage, removed)).toEqual(expected);
    expect(callReducer(callReducer(outage, removed), { type: 'removed', removal: 'banned', at: 9 })).toEqual(expected);
    // Nothing retries an ended call, and errors do not overwrite why it ended.
    expect(callReducer(outage, { type: 'recovery-failed', at: 4, reachedSfu: true })).toBe(outage);
    expect(callReducer(outage, { type: 'error', error: 'unknown' })).toBe(outage);
    expect(callReducer(outage, { type: 'joined', at: 5 })).toBe(outage);
    // Nobody to remove from a call not joined.
    expect(callReducer(INITIAL_CALL_STATE, removed)).toBe(INITIAL_CALL_STATE);
  });

  it('joins again after an end (Rejoin, or the SFU back)', () => {
    const outage: CallState = { phase: 'ended', reason: { kind: 'sfu-unreachable' }, at: 3 };
    expect(run([{ type: 'join' }, { type: 'joined', at: 9 }], outage)).toEqual({ phase: 'joined', since: 9 });
    // A rejoin that finds the SFU still down goes back to that outage's end (probing stays bounded by it).
    expect(run([{ type: 'join' }, { type: 'still-unreachable', endedAt: 3 }], outage)).toEqual(outage);
  });

  it('reports errors, and an unreachable SFU while connecting', () => {
    expect(run([{ type: 'join' }, { type: 'error', error: 'not-allowed' }])).toEqual({ phase: 'failed', error: 'not-allowed' });
    expect(run([{ type: 'join' }, { type: 'signaling-dropped', at: 1 }])).toEqual({ phase: 'failed', error: 'sfu-unreachable' });
    expect(run([{ type: 'join' }, { type: 'leave' }, { type: 'error', error: 'unknown' }])).toEqual({ phase: 'left' });
  });

  it('ignores events that do not apply', () => {
    expect(run([{ type: 'joined', at: 1 }])).toEqual(INITIAL_CALL_STATE);
    expect(
      run([{ type: 'media-dropped', at: 1 }, { type: 'recovery-failed', at: 2, reachedSfu: true }, { type: 'leave' }]),
    ).toEqual(INITIAL_CALL_STATE);
    const joined = joinedAt(1);
    expect(callReducer(joined, { type: 'join' })).toBe(joined);
  });
});
