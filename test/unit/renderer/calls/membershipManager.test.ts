import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_EXPIRES_MS } from '../../../../src/renderer/calls/membership.ts';
import {
  DELAYED_LEAVE_MS,
  MembershipManager,
  RENEW_EVERY_MS,
  type MembershipHomeserver,
} from '../../../../src/renderer/calls/membershipManager.ts';

const focus = { type: 'relais_sfu' as const, url: 'wss://sfu.example.org/' };

function fakeServer(delayed: boolean) {
  const log: string[] = [];
  const hs: MembershipHomeserver = {
    supportsDelayedEvents: () => Promise.resolve(delayed),
    sendState: (content, key) => {
      log.push(`state ${key} ${Object.keys(content).length === 0 ? 'empty' : 'member'}`);
      return Promise.resolve();
    },
    sendDelayedState: (content, key, ms) => {
      log.push(`delayed ${key} ${Object.keys(content).length === 0 ? 'empty' : 'member'} ${ms}`);
      return Promise.resolve('delay1');
    },
    restartDelayed: (id) => {
      log.push(`restart ${id}`);
      return Promise.resolve();
    },
    sendDelayedNow: (id) => {
      log.push(`send-now ${id}`);
      return Promise.resolve();
    },
  };
  return { hs, log };
}

function fakeTimers() {
  const ticks: (() => void)[] = [];
  return {
    ticks,
    timers: {
      setInterval: (fn: () => void) => {
        ticks.push(fn);
        return ticks.length;
      },
      clearInterval: () => ticks.splice(0),
    },
  };
}

describe('membership manager', () => {
  it('schedules the delayed leave before joining, keeps it alive, and fires it on leave', async () => {
    const { hs, log } = fakeServer(true);
    const { timers, ticks } = fakeTimers();
    const manager = new MembershipManager(hs, '@a:hs', 'D', timers);
    await manager.join(focus, 1);
    expect(manager.usesDelayedLeave).toBe(true);
    ticks[0]?.();
    await manager.leave();
    expect(log).toEqual([
      `delayed _@a:hs_D_m.call empty ${DELAYED_LEAVE_MS}`,
      'state _@a:hs_D_m.call member',
      'restart delay1',
      'send-now delay1',
    ]);
    expect(ticks).toEqual([]);
  });

  it('without MSC4140, joins and leaves with plain state events', async () => {
    const { hs, log } = fakeServer(false);
    const manager = new MembershipManager(hs, '@a:hs', 'D', fakeTimers().timers);
    await manager.join(focus, 1);
    await manager.leave();
    expect(log).toEqual(['state _@a:hs_D_m.call member', 'state _@a:hs_D_m.call empty']);
  });

  it('writes the empty membership itself when the delayed event is already gone', async () => {
    const { hs, log } = fakeServer(true);
    hs.sendDelayedNow = () => Promise.reject(new Error('M_NOT_FOUND'));
    const manager = new MembershipManager(hs, '@a:hs', 'D', fakeTimers().timers);
    await manager.join(focus, 1);
    await manager.leave();
    expect(log.at(-1)).toBe('state _@a:hs_D_m.call empty');
  });
});

describe('membership renewal', () => {
  it('extends a long call before it expires, keeping created_ts', async () => {
    const sent: Record<string, unknown>[] = [];
    const { hs } = fakeServer(false);
    hs.sendState = (content) => {
      sent.push(content);
      return Promise.resolve();
    };
    const { timers, ticks } = fakeTimers();
    const manager = new MembershipManager(hs, '@a:hs', 'D', timers);
    await manager.join(focus, 1_000);
    ticks[0]?.();
    ticks[0]?.();
    expect(sent.map((c) => [c.created_ts, c.expires])).toEqual([
      [1_000, MEMBERSHIP_EXPIRES_MS],
      [1_000, MEMBERSHIP_EXPIRES_MS + RENEW_EVERY_MS],
      [1_000, MEMBERSHIP_EXPIRES_MS + 2 * RENEW_EVERY_MS],
    ]);
    await manager.leave();
    expect(ticks).toEqual([]);
  });
});
