// Wires the unread badge (unreadBadge.ts) to Electron: the app's badge count, and the main window's
// taskbar overlay on Windows. The window is looked up at each call: it may be closed and re-created.
import { app, nativeImage, type BrowserWindow, type NativeImage } from 'electron';
import { createUnreadBadge, overlayDotPng, type UnreadBadge } from './unreadBadge.ts';

export function installUnreadBadge(mainWindow: () => BrowserWindow | null): UnreadBadge {
  let dot: NativeImage | null = null;
  return createUnreadBadge({
    platform: process.platform,
    setBadgeCount: (count) => app.setBadgeCount(count),
    setOverlayIcon: (overlay, description) => {
      const window = mainWindow();
      if (!window || window.isDestroyed()) return;
      dot ??= nativeImage.createFromBuffer(overlayDotPng());
      window.setOverlayIcon(overlay === 'dot' ? dot : null, description);
    },
  });
}
