// Issue 16.1: the OS badge for rooms needing attention. Electron cannot run here: its app,
// nativeImage and window are mocked, and the IPC path runs through the real router and handlers.
import { inflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../../src/shared/appScheme.ts';
import { IPC_CHANNELS } from '../../../../src/shared/ipc/channels.ts';
import { createIpcHandlers, type HandlerServices } from '../../../../src/main/ipc/handlers.ts';
import { createIpcRouter } from '../../../../src/main/ipc/router.ts';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { createUnreadBadge, overlayDotPng } from '../../../../src/main/notifications/unreadBadge.ts';
import { installUnreadBadge } from '../../../../src/main/notifications/unreadBadge.main.ts';

const electron = vi.hoisted(() => ({
  setBadgeCount: vi.fn<(count: number) => boolean>(() => true),
  createFromBuffer: vi.fn<(buffer: Buffer) => { png: Buffer }>((buffer) => ({ png: buffer })),
}));

vi.mock('electron', () => ({
  app: { setBadgeCount: electron.setBadgeCount },
  nativeImage: { createFromBuffer: electron.createFromBuffer },
}));

function fakeTarget(platform: NodeJS.Platform) {
  return {
    platform,
    setBadgeCount: vi.fn<(count: number) => boolean>(() => platform !== 'win32'),
    setOverlayIcon: vi.fn<(overlay: 'dot' | null, description: string) => void>(),
  };
}

beforeEach(() => {
  electron.setBadgeCount.mockClear();
  electron.createFromBuffer.mockClear();
});

describe('createUnreadBadge', () => {
  it('sets the badge count, and clears it with 0', () => {
    const target = fakeTarget('darwin');
    const badge = createUnreadBadge(target);
    expect(badge.apply(3, '3 rooms with unread messages')).toBe(true);
    expect(badge.apply(0, '')).toBe(true);
    expect(target.setBadgeCount.mock.calls).toEqual([[3], [0]]);
    // No overlay outside Windows.
    expect(target.setOverlayIcon).not.toHaveBeenCalled();
  });

  it('on Windows, shows the overlay with its translated description, and removes it at 0', () => {
    const target = fakeTarget('win32');
    const badge = createUnreadBadge(target);
    expect(badge.apply(2, '2 salons avec des messages non lus')).toBe(true);
    expect(badge.apply(0, '0 salon avec des messages non lus')).toBe(true);
    expect(target.setOverlayIcon.mock.calls).toEqual([
      ['dot', '2 salons avec des messages non lus'],
      [null, ''],
    ]);
  });

  it('tells the OS only when the count or its description changed', () => {
    const target = fakeTarget('win32');
    const badge = createUnreadBadge(target);
    badge.apply(1, 'one');
    badge.apply(1, 'one');
    badge.apply(1, 'un');
    expect(target.setBadgeCount).toHaveBeenCalledTimes(2);
    expect(target.setOverlayIcon).toHaveBeenCalledTimes(2);
  });

  it.each([-1, 10_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s even if the contract were bypassed', (count) => {
    const target = fakeTarget('linux');
    expect(createUnreadBadge(target).apply(count, 'x')).toBe(false);
    expect(target.setBadgeCount).not.toHaveBeenCalled();
  });

  it('reports false where the desktop has no badge (a Linux launcher without Unity support)', () => {
    const target = { platform: 'linux' as const, setBadgeCount: () => false };
    expect(createUnreadBadge(target).apply(4, 'x')).toBe(false);
  });
});

describe('overlayDotPng', () => {
  it('is a valid RGBA PNG: transparent corners, a white ring, a red centre', () => {
    const png = overlayDotPng(32);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    expect(png[25]).toBe(6); // colour type RGBA
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => [...raw.subarray(y * (1 + 32 * 4) + 1 + x * 4, y * (1 + 32 * 4) + 1 + x * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(16, 16)).toEqual([0xd5, 0x1f, 0x28, 255]);
    expect(pixel(16, 0)).toEqual([255, 255, 255, 255]);
  });
});

describe('installUnreadBadge (Electron mocked)', () => {
  function fakeWindow() {
    return { isDestroyed: () => false, setOverlayIcon: vi.fn<(image: unknown, description: string) => void>() };
  }

  it('calls app.setBadgeCount', () => {
    const badge = installUnreadBadge(() => null);
    badge.apply(7, 'seven');
    expect(electron.setBadgeCount).toHaveBeenCalledWith(7);
  });

  it.runIf(process.platform === 'linux')('draws no overlay off Windows', () => {
    const window = fakeWindow();
    installUnreadBadge(() => window as never).apply(2, 'two');
    expect(window.setOverlayIcon).not.toHaveBeenCalled();
  });

  it('on Windows, sets the overlay image made from the generated PNG, once', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const window = fakeWindow();
      const badge = installUnreadBadge(() => window as never);
      badge.apply(2, 'two rooms');
      badge.apply(3, 'three rooms');
      badge.apply(0, '');
      expect(electron.createFromBuffer).toHaveBeenCalledTimes(1);
      const image = electron.createFromBuffer.mock.results[0]?.value as { png: Buffer };
      expect(window.setOverlayIcon.mock.calls).toEqual([
        [image, 'two rooms'],
        [image, 'three rooms'],
        [null, ''],
      ]);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('the setUnreadBadge IPC call (real router and handlers)', () => {
  const appOrigins = [parseOrigin(APP_ORIGIN)];
  function setup() {
    const setUnreadBadge = vi.fn<HandlerServices['setUnreadBadge']>(() => true);
    // Only the service this call reaches; the others are never touched.
    const handlers = createIpcHandlers({ setUnreadBadge } as unknown as HandlerServices);
    const dispatch = createIpcRouter({
      handlers,
      isTrustedSender: (url) => isAppUrl(url, appOrigins),
      timeoutMs: 1_000,
      log: () => {},
    });
    return { dispatch, setUnreadBadge };
  }

  it('applies a valid count from the app', async () => {
    const { dispatch, setUnreadBadge } = setup();
    const envelope = await dispatch(IPC_CHANNELS.setUnreadBadge, `${APP_ORIGIN}/index.html`, { count: 2, description: 'two' });
    expect(envelope).toEqual({ ok: true, value: { applied: true } });
    expect(setUnreadBadge).toHaveBeenCalledWith(2, 'two');
  });

  it('refuses another page, and a count outside 0..9999', async () => {
    const { dispatch, setUnreadBadge } = setup();
    const foreign = await dispatch(IPC_CHANNELS.setUnreadBadge, 'https://evil.example/', { count: 2, description: 'two' });
    expect(foreign.ok ? null : foreign.error.code).toBe('forbidden-sender');
    const tooMany = await dispatch(IPC_CHANNELS.setUnreadBadge, `${APP_ORIGIN}/index.html`, { count: 10_000, description: '' });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('invalid-arguments');
    expect(setUnreadBadge).not.toHaveBeenCalled();
  });
});
