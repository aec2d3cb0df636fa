// Wires the screen-share picker to Electron: desktopCapturer lists screens and windows, and the
// session's display-media handler answers getDisplayMedia with the user's choice.
import { desktopCapturer, type Session } from 'electron';
import { createScreenSharePicker, type ScreenSharePicker } from './screenShare.ts';

const THUMBNAIL = { width: 320, height: 180 };

export function installScreenShare(
  session: Session,
  deps: { isAppUrl(url: string): boolean; log(message: string): void },
): ScreenSharePicker {
  const getSources = () => desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: THUMBNAIL });
  const picker = createScreenSharePicker({
    getSources,
    isAppUrl: (url) => deps.isAppUrl(url),
    now: () => Date.now(),
    log: (m) => deps.log(m),
  });
  session.setDisplayMediaRequestHandler((request, callback) => {
    // No thumbnails needed to hand over the stream: ask for none (cheaper).
    const sources = () => desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } });
    picker.answer(request.frame?.url ?? '', sources).then(callback, () => callback({}));
  });
  return picker;
}
