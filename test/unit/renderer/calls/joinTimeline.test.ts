import { describe, expect, it } from 'vitest';
import { JoinTimeline, parseJoinTimeline } from '../../../../src/renderer/calls/joinTimeline.ts';

function clock(start: number): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('join timeline', () => {
  it('records each step once, as ms after the attempt started, and says it in one line', () => {
    const c = clock(1_700_000_000_000);
    const timeline = new JoinTimeline(3, c.now);
    c.advance(12);
    timeline.mark('socket');
    c.advance(3);
    timeline.mark('openid');
    c.advance(40);
    timeline.mark('joined');
    timeline.mark('socket'); // a later mark of the same step changes nothing
    expect(timeline.has('socket')).toBe(true);
    expect(timeline.has('consumed')).toBe(false);
    expect(timeline.timings()).toEqual({
      attempt: 3,
      startedAt: 1_700_000_000_000,
      steps: { socket: 12, openid: 15, joined: 55 },
    });
    expect(timeline.describe()).toBe(
      'call join steps (ms after the attempt started): attempt=3 startedAt=1700000000000 socket=12 openid=15 joined=55',
    );
  });

  it('reads its own line back, as the console shows it', () => {
    const c = clock(5_000);
    const timeline = new JoinTimeline(1, c.now);
    for (const step of ['socket', 'openid', 'joined', 'transports', 'produced', 'consumed'] as const) {
      c.advance(10);
      timeline.mark(step);
    }
    expect(parseJoinTimeline(`[relais:calls] ${timeline.describe()}`)).toEqual(timeline.timings());
    expect(parseJoinTimeline('[relais:calls] something else attempt=1 startedAt=2')).toBeNull();
    expect(parseJoinTimeline('call join steps (ms after the attempt started): socket=1')).toBeNull();
  });
});
