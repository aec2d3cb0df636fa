import { BRIDGE_GLOBAL } from '../../shared/ipc/channels.ts';
import { unwrapBridge, type RawBridge } from '../../shared/ipc/bridge.ts';
import { ElectronPlatform } from './ElectronPlatform.ts';
import type { Platform } from './Platform.ts';
import { WebPlatform } from './WebPlatform.ts';
import { rendererLogger } from './log.ts';
import { version } from '../../../package.json';

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
    about: {
      version,
      userAgent: win.navigator.userAgent,
      // navigator.platform is frozen in some browsers, but still says which OS family.
      platform: win.navigator.platform,
      locale: win.navigator.language,
    },
    download: (fileName, text) => downloadText(win, fileName, text),
  });
}

/** A download the page starts itself: a link to a blob, clicked, then let go. */
function downloadText(win: Window, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = win.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  win.document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  win.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** localStorage, or nothing when the browser refuses it (some privacy modes throw on access). */
function storageOf(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch (error) {
    rendererLogger('platform').swallow('opening the browser storage', 'info')(error);
    return undefined;
  }
}
