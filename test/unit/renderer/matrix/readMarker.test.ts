import { EventStatus, MatrixEvent } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  laterMarker,
  firstUnreadEventId,
  markerEventIdOf,
  markerLoaded,
  readTargets,
  type MarkerCandidate,
} from '../../../../src/renderer/matrix/readMarker.ts';

const ME = '@me:x';

function candidate(eventId: string, mine = false, shown = true): MarkerCandidate {
  return { eventId, mine, shown };
}

describe('firstUnreadEventId', () => {
  const events = [candidate('$1'), candidate('$2'), candidate('$3', true), candidate('$4', false, false), candidate('$5')];

  it('is the first shown event someone else sent after the marker', () => {
    expect(firstUnreadEventId(events, '$1')).toBe('$2');
    // My own message and a reaction (not a row) are skipped.
    expect(firstUnreadEventId(events, '$2')).toBe('$5');
  });

  it('is null when everything is read, without a marker, or with the marker not loaded', () => {
    expect(firstUnreadEventId(events, '$5')).toBeNull();
    expect(firstUnreadEventId(events, null)).toBeNull();
    expect(firstUnreadEventId(events, '$older')).toBeNull();
    expect(markerLoaded(events, '$older')).toBe(false);
    expect(markerLoaded(events, '$4')).toBe(true);
  });
});

describe('laterMarker', () => {
  const events = [{ eventId: '$a' }, { eventId: '$b' }, { eventId: '$c' }];

  it('takes the receipt when it is further down than a lagging marker', () => {
    expect(laterMarker(events, '$a', '$b')).toBe('$b');
  });

  it('keeps the marker when it is further down, or the receipt is on the same event', () => {
    expect(laterMarker(events, '$c', '$b')).toBe('$c');
    expect(laterMarker(events, '$b', '$b')).toBe('$b');
  });

  it('keeps the marker when either of them is not loaded', () => {
    expect(laterMarker(events, '$old', '$c')).toBe('$old');
    expect(laterMarker(events, '$a', '$unknown')).toBe('$a');
  });

  it('falls back to whichever exists', () => {
    expect(laterMarker(events, null, '$b')).toBe('$b');
    expect(laterMarker(events, '$b', null)).toBe('$b');
    expect(laterMarker(events, null, null)).toBeNull();
  });
});

describe('markerEventIdOf', () => {
  it('reads event_id from m.fully_read content, nothing else', () => {
    expect(markerEventIdOf({ event_id: '$1' })).toBe('$1');
    expect(markerEventIdOf({ event_id: 42 })).toBeNull();
    expect(markerEventIdOf({ event_id: '' })).toBeNull();
    expect(markerEventIdOf(undefined)).toBeNull();
  });
});

describe('readTargets', () => {
  function event(id: string, sender: string): MatrixEvent {
    return new MatrixEvent({ event_id: id, sender, type: 'm.room.message', content: { body: id }, room_id: '!r:x' });
  }

  it('moves the marker to the newest event and the receipt to the newest from someone else', () => {
    const targets = readTargets([event('$1', '@a:x'), event('$2', '@a:x'), event('$3', ME)], ME);
    expect(targets?.fullyRead.getId()).toBe('$3');
    expect(targets?.receipt?.getId()).toBe('$2');
  });

  it('skips local echoes, which the server does not know yet', () => {
    const echo = event('~txn', ME);
    echo.status = EventStatus.SENDING;
    expect(readTargets([event('$1', '@a:x'), echo], ME)?.fullyRead.getId()).toBe('$1');
  });

  it('has no receipt when only I wrote, nothing at all in an empty room', () => {
    expect(readTargets([event('$1', ME)], ME)?.receipt).toBeNull();
    expect(readTargets([], ME)).toBeNull();
  });
});
