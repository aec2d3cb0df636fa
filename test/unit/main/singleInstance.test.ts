import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { acquireSingleInstance } from '../../../src/main/singleInstance.main.ts';

type Listener = (...args: unknown[]) => void;

class FakeApp {
  readonly listeners = new Map<string, Listener[]>();
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock: () => boolean;
  constructor(lockGranted: boolean) {
    this.requestSingleInstanceLock = vi.fn(() => lockGranted);
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

describe('acquireSingleInstance', () => {
  it('quits and returns false when another instance holds the lock', () => {
    const app = new FakeApp(false);
    const onSecond = vi.fn<(argv: string[]) => void>();
    expect(acquireSingleInstance(app as unknown as App, onSecond)).toBe(false);
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listeners.size).toBe(0);
    expect(onSecond).not.toHaveBeenCalled();
  });

  it('returns true without quitting when the lock is granted', () => {
    const app = new FakeApp(true);
    expect(acquireSingleInstance(app as unknown as App, () => {})).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.listeners.get('second-instance')).toHaveLength(1);
  });

  it('forwards the argv of a second launch, every time', () => {
    const app = new FakeApp(true);
    const onSecond = vi.fn<(argv: string[]) => void>();
    acquireSingleInstance(app as unknown as App, onSecond);
    const argv = ['/opt/Relais/relais', '--flag', 'msteams:/l/meetup-join/abc'];
    app.emit('second-instance', { preventDefault() {} }, argv, '/home/user', {});
    app.emit('second-instance', { preventDefault() {} }, ['/opt/Relais/relais'], '/tmp', {});
    expect(onSecond.mock.calls).toEqual([[argv], [['/opt/Relais/relais']]]);
  });
});
