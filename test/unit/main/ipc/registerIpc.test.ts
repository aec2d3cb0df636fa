import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../../../src/main/ipc/registerIpc.main.ts';
import type { Dispatch } from '../../../../src/main/ipc/router.ts';
import { IPC_CHANNELS } from '../../../../src/shared/ipc/channels.ts';

type InvokeListener = (event: unknown, request: unknown) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  readonly removed: string[] = [];
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.removed.push(channel);
    this.handlers.delete(channel);
  }
  call(channel: string, event: unknown, request: unknown): unknown {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, request);
  }
}

interface FakeFrame {
  url: string;
  top: FakeFrame | null;
}

function topFrame(url: string): FakeFrame {
  const frame: FakeFrame = { url, top: null };
  frame.top = frame;
  return frame;
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const dispatch = vi.fn<Dispatch>(() => Promise.resolve({ ok: true, value: 'dispatched' }));
  const dispose = registerIpc(ipcMain as unknown as IpcMain, dispatch);
  return { ipcMain, dispatch, dispose };
}

const CHANNELS = Object.values(IPC_CHANNELS);

describe('registerIpc', () => {
  it('handles every contract channel, and only those', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('passes the top-level frame URL, the channel and the request to dispatch, and returns its promise', async () => {
    const { ipcMain, dispatch } = setup();
    const request = { key: 'token' };
    const reply = ipcMain.call(IPC_CHANNELS.getSecret, { senderFrame: topFrame('relais://app/index.html') }, request);
    await expect(reply).resolves.toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('secrets:get', 'relais://app/index.html', request);
  });

  it.each(CHANNELS)('routes %s to dispatch under its own name', async (channel) => {
    const { ipcMain, dispatch } = setup();
    await ipcMain.call(channel, { senderFrame: topFrame('relais://app/') }, undefined);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith(channel, 'relais://app/', undefined);
  });

  it('passes undefined for a sub-frame, even one claiming the app URL', async () => {
    const { ipcMain, dispatch } = setup();
    const top = topFrame('relais://app/index.html');
    const child: FakeFrame = { url: 'relais://app/index.html', top };
    await ipcMain.call(IPC_CHANNELS.getSecret, { senderFrame: child }, { key: 'k' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('secrets:get', undefined, { key: 'k' });
  });

  it('passes undefined when the sender frame is gone (null)', async () => {
    const { ipcMain, dispatch } = setup();
    await ipcMain.call(IPC_CHANNELS.setSecret, { senderFrame: null }, { key: 'k', value: 'v' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('secrets:set', undefined, { key: 'k', value: 'v' });
  });

  it('passes undefined for a detached frame whose top is null', async () => {
    const { ipcMain, dispatch } = setup();
    await ipcMain.call(IPC_CHANNELS.getAppInfo, { senderFrame: { url: 'relais://app/index.html', top: null } }, undefined);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('app:get-info', undefined, undefined);
  });

  it('the disposer removes every handler it added', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect([...ipcMain.removed].sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handlers.size).toBe(0);
    // Registering again after disposing works (no "second handler" error).
    expect(() => registerIpc(ipcMain as unknown as IpcMain, vi.fn<Dispatch>())).not.toThrow();
  });
});
