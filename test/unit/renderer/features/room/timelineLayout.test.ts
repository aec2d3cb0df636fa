import { describe, expect, it } from 'vitest';
import { avatarColour, GROUP_WINDOW_MS, initialOf, layoutRow } from '../../../../../src/renderer/features/room/timelineLayout.ts';

const T0 = new Date(2026, 10, 27, 10, 0).getTime();

function message(eventId: string, sender: string, timestamp: number, kind: 'text' | 'membership' = 'text') {
  return { eventId, sender, timestamp, kind };
}

describe('layoutRow', () => {
  it('starts the first row with a day and a group', () => {
    expect(layoutRow(message('$1', '@a:x', T0), undefined, null)).toEqual({
      newDay: true,
      firstUnread: false,
      continuation: false,
    });
  });

  it('groups messages from one sender a few minutes apart', () => {
    const first = message('$1', '@a:x', T0);
    expect(layoutRow(message('$2', '@a:x', T0 + 60_000), first, null).continuation).toBe(true);
    expect(layoutRow(message('$2', '@a:x', T0 + GROUP_WINDOW_MS), first, null).continuation).toBe(false);
  });

  it('starts a new group for another sender, a membership change, a new day or the unread line', () => {
    const first = message('$1', '@a:x', T0);
    expect(layoutRow(message('$2', '@b:x', T0 + 1000), first, null).continuation).toBe(false);
    expect(layoutRow(message('$2', '@a:x', T0 + 1000, 'membership'), first, null).continuation).toBe(false);
    expect(layoutRow(message('$2', '@a:x', T0 + 1000), message('$1', '@a:x', T0, 'membership'), null).continuation).toBe(false);
    const lateEvening = message('$1', '@a:x', new Date(2026, 10, 27, 23, 59).getTime());
    const afterMidnight = layoutRow(message('$2', '@a:x', new Date(2026, 10, 28, 0, 1).getTime()), lateEvening, null);
    expect(afterMidnight).toEqual({ newDay: true, firstUnread: false, continuation: false });
    expect(layoutRow(message('$2', '@a:x', T0 + 1000), first, '$2')).toEqual({
      newDay: false,
      firstUnread: true,
      continuation: false,
    });
  });

  it('does not group a message older than the one above (clock skew between servers)', () => {
    expect(layoutRow(message('$2', '@a:x', T0 - 1000), message('$1', '@a:x', T0), null).continuation).toBe(false);
  });
});

describe('avatarColour', () => {
  it('gives each person one of six colours, always the same', () => {
    const colours = ['@alice:x', '@bob:x', '@carol:x', '@dave:x', '@erin:x'].map(avatarColour);
    for (const c of colours) expect(c).toBeGreaterThanOrEqual(1);
    for (const c of colours) expect(c).toBeLessThanOrEqual(6);
    expect(avatarColour('@alice:x')).toBe(colours[0]);
    expect(new Set(colours).size).toBeGreaterThan(1);
  });
});

describe('initialOf', () => {
  it('takes the first letter, capitalised, sigils skipped', () => {
    expect(initialOf('marianne')).toBe('M');
    expect(initialOf('@jules:example.org')).toBe('J');
    expect(initialOf('élodie')).toBe('É');
    expect(initialOf('  ')).toBe('?');
  });

  it('keeps an emoji whole', () => {
    expect(initialOf('👩‍💻 Dev')).toBe('👩‍💻');
  });
});
