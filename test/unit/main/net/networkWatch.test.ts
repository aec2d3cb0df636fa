import { describe, expect, it, vi } from 'vitest';
import { watchNetwork } from '../../../../src/main/net/networkWatch.ts';

function harness(initiallyOnline: boolean, intervalMs?: number) {
  let online = initiallyOnline;
  const ticks: (() => void)[] = [];
  const handle = { id: 'interval-handle' };
  const send = vi.fn<(online: boolean) => void>();
  const setIntervalFake = vi.fn((callback: () => void, ms: number): unknown => {
    expect(ms).toBeGreaterThan(0);
    ticks.push(callback);
    return handle;
  });
  const clearIntervalFake = vi.fn<(handle: unknown) => void>();
  const watch = watchNetwork({
    isOnline: () => online,
    send,
    setInterval: setIntervalFake,
    clearInterval: clearIntervalFake,
    ...(intervalMs === undefined ? {} : { intervalMs }),
  });
  const tick = (): void => {
    const callback = ticks[0];
    if (!callback) throw new Error('no interval armed');
    callback();
  };
  return {
    watch,
    send,
    handle,
    setIntervalFake,
    clearIntervalFake,
    tick,
    setOnline: (value: boolean) => {
      online = value;
    },
  };
}

describe('watchNetwork', () => {
  it('polls every 3 s by default, or at the interval asked for', () => {
    expect(harness(true).setIntervalFake).toHaveBeenCalledWith(expect.any(Function), 3_000);
    expect(harness(true, 500).setIntervalFake).toHaveBeenCalledWith(expect.any(Function), 500);
  });

  it('sends nothing at creation nor while the state stays the same', () => {
    const { send, tick } = harness(true);
    tick();
    tick();
    expect(send).not.toHaveBeenCalled();
  });

  it('sends each change once', () => {
    const { send, tick, setOnline } = harness(true);
    setOnline(false);
    tick();
    tick();
    setOnline(true);
    tick();
    tick();
    setOnline(false);
    tick();
    expect(send.mock.calls).toEqual([[false], [true], [false]]);
  });

  it('compares with the state read at creation (offline at start, then online)', () => {
    const { send, tick, setOnline } = harness(false);
    tick();
    expect(send).not.toHaveBeenCalled();
    setOnline(true);
    tick();
    expect(send.mock.calls).toEqual([[true]]);
  });

  it('announce sends the current state, without waiting for a change', () => {
    const offline = harness(false);
    offline.watch.announce();
    expect(offline.send.mock.calls).toEqual([[false]]);

    const { watch, send, tick, setOnline } = harness(true);
    watch.announce();
    setOnline(false);
    tick();
    watch.announce();
    expect(send.mock.calls).toEqual([[true], [false], [false]]);
  });

  it('stop clears the interval it armed', () => {
    const { watch, clearIntervalFake, handle } = harness(true);
    expect(clearIntervalFake).not.toHaveBeenCalled();
    watch.stop();
    expect(clearIntervalFake).toHaveBeenCalledTimes(1);
    expect(clearIntervalFake).toHaveBeenCalledWith(handle);
  });

  it('works with the real timers by default', () => {
    vi.useFakeTimers();
    try {
      let online = true;
      const send = vi.fn<(online: boolean) => void>();
      const watch = watchNetwork({ isOnline: () => online, send, intervalMs: 1_000 });
      online = false;
      vi.advanceTimersByTime(999);
      expect(send).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(send.mock.calls).toEqual([[false]]);
      watch.stop();
      online = true;
      vi.advanceTimersByTime(10_000);
      expect(send.mock.calls).toEqual([[false]]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
