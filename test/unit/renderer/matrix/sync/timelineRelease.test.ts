import { describe, expect, it } from 'vitest';
import { eventsToKeep, ReleaseSchedule, RELEASE_DELAY_MS } from '../../../../../src/renderer/matrix/sync/timelineRelease.ts';

const facts = { count: 30, unreadFrom: 29, previewFrom: 29, pending: false, maxKept: 29 };

describe('eventsToKeep', () => {
  it('a room read to its last message keeps that message only', () => {
    expect(eventsToKeep(facts)).toBe(1);
  });

  it('keeps back to the oldest event the preview or the unread counts need', () => {
    // Reactions after the last message: the preview is read from the message.
    expect(eventsToKeep({ ...facts, previewFrom: 25 })).toBe(5);
    // Three unread messages after the one read: the walk stops at the read one.
    expect(eventsToKeep({ ...facts, unreadFrom: 26, previewFrom: 29 })).toBe(4);
    expect(eventsToKeep({ ...facts, unreadFrom: 20, previewFrom: 27 })).toBe(10);
  });

  it('always keeps the last event, even when nothing points past it', () => {
    expect(eventsToKeep({ ...facts, unreadFrom: 30, previewFrom: 40 })).toBe(1);
  });

  it('leaves the timeline as it is when nothing would go, or a message is still being sent', () => {
    expect(eventsToKeep({ ...facts, unreadFrom: 0 })).toBeNull();
    expect(eventsToKeep({ ...facts, pending: true })).toBeNull();
    expect(eventsToKeep({ ...facts, count: 1, unreadFrom: 0, previewFrom: 0 })).toBeNull();
    expect(eventsToKeep({ ...facts, count: 0, unreadFrom: 0, previewFrom: -1 })).toBeNull();
  });

  it('leaves it when what the list needs is as many events as reopening resends (no way back to older ones then)', () => {
    expect(eventsToKeep({ ...facts, count: 200, unreadFrom: 171, previewFrom: 199 })).toBe(29);
    expect(eventsToKeep({ ...facts, count: 200, unreadFrom: 170, previewFrom: 199 })).toBeNull();
  });
});

describe('ReleaseSchedule', () => {
  it('a room left is due once its delay has passed, and only once', () => {
    const schedule = new ReleaseSchedule(1_000);
    schedule.opened('!a', 0);
    schedule.opened('!b', 100);
    expect(schedule.nextDueAt()).toBe(1_100);
    expect(schedule.due(1_099)).toEqual([]);
    expect(schedule.due(1_100)).toEqual(['!a']);
    expect(schedule.due(5_000)).toEqual([]);
    expect(schedule.nextDueAt()).toBeNull();
  });

  it('the open room is never due; reopening one before its delay cancels it', () => {
    const schedule = new ReleaseSchedule(1_000);
    schedule.opened('!a', 0);
    schedule.opened('!b', 100);
    schedule.opened('!a', 500);
    expect(schedule.due(10_000)).toEqual(['!b']);
  });

  it('closing every room starts the last one’s delay; the same room twice changes nothing', () => {
    const schedule = new ReleaseSchedule(1_000);
    schedule.opened('!a', 0);
    schedule.opened('!a', 300);
    schedule.opened(null, 400);
    schedule.opened(null, 900);
    expect(schedule.due(1_399)).toEqual([]);
    expect(schedule.due(1_400)).toEqual(['!a']);
  });

  it('several rooms left in turn are due in turn', () => {
    const schedule = new ReleaseSchedule();
    ['!a', '!b', '!c', '!d'].forEach((roomId, i) => schedule.opened(roomId, i * 1_000));
    expect(schedule.due(RELEASE_DELAY_MS + 2_000)).toEqual(['!a', '!b']);
    expect(schedule.nextDueAt()).toBe(RELEASE_DELAY_MS + 3_000);
  });
});
