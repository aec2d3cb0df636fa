import { describe, expect, it, vi } from 'vitest';
import { UploadTracker, uploadFraction } from '../../../../../src/renderer/matrix/outbox/uploadTracker.ts';

describe('UploadTracker', () => {
  it('follows an upload from start to end, telling listeners', () => {
    const tracker = new UploadTracker();
    const listener = vi.fn();
    tracker.subscribe(listener);
    tracker.begin('t1', 1000);
    expect(tracker.progressOf('t1')).toEqual({ loaded: 0, total: 1000 });
    tracker.report('t1', 450, 1000);
    expect(uploadFraction(tracker.progressOf('t1') ?? { loaded: 0, total: 0 })).toBe(0.45);
    tracker.end('t1');
    expect(tracker.progressOf('t1')).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('cancels by aborting, until the file is uploaded and its event is on its way', () => {
    const tracker = new UploadTracker();
    const controller = tracker.begin('t1', 10);
    expect(tracker.cancel('t1')).toBe(true);
    expect(controller.signal.aborted).toBe(true);

    const late = tracker.begin('t2', 10);
    tracker.commit('t2');
    expect(tracker.progressOf('t2')).toBeUndefined();
    expect(tracker.cancel('t2')).toBe(false);
    expect(late.signal.aborted).toBe(false);
    expect(tracker.cancel('unknown')).toBe(false);
  });

  it('keeps the size it was told when progress does not know it, and clamps the fraction', () => {
    const tracker = new UploadTracker();
    tracker.begin('t1', 200);
    tracker.report('t1', 50, 0);
    expect(tracker.progressOf('t1')).toEqual({ loaded: 50, total: 200 });
    expect(uploadFraction({ loaded: 5, total: 0 })).toBe(0);
    expect(uploadFraction({ loaded: 300, total: 200 })).toBe(1);
  });
});
