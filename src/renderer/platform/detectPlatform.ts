import { BRIDGE_GLOBAL } from '../../shared/ipc/channels.ts';
import { unwrapBridge, type RawBridge } from '../../shared/ipc/bridge.ts';
import { ElectronPlatform } from './ElectronPlatform.ts';
import type { Platform } from './Platform.ts';
import { WebPlatform } from './WebPlatform.ts';

export function detectPlatform(win: Window): Platform {
  const raw = (win as unknown as Record<string, RawBridge | undefined>)[BRIDGE_GLOBAL];
  if (raw) return new ElectronPlatform(unwrapBridge(raw));
  return new WebPlatform({
    languages: win.navigator.languages.length ? win.navigator.languages : [win.navigator.language],
    open: (url) => void win.open(url, '_blank', 'noopener,noreferrer'),
    notify: (title, body) => {
      if (!('Notification' in win) || Notification.permission !== 'granted') return false;
      new Notification(title, { body });
      return true;
    },
    storage: storageOf(win),
    ...('caches' in win ? { caches: win.caches } : {}),
  });
}

/** localStorage, or nothing when the browser refuses it (some privacy modes throw on access). */
function storageOf(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}
