// Every download goes through this handler: into the folder machine policy names (downloadFolder)
// or the user's Downloads folder, under a sanitised name, never over an existing file. Without it
// Electron asks nothing of us and saves where Chromium decides, under the sender's name.
import { join } from 'node:path';
import type { DownloadItem, Session } from 'electron';
import { numberedName, sanitizeFileName } from './fileName.ts';

export interface DownloadDeps {
  /** The folder to save into: policy's downloadFolder, else the OS Downloads folder. */
  folder(): string;
  exists(path: string): boolean;
  log(message: string): void;
}

/** Where an item is saved, or null when no free name is left (the download is cancelled). */
export function downloadPath(suggestedName: string, deps: DownloadDeps): string | null {
  const folder = deps.folder();
  const name = numberedName(sanitizeFileName(suggestedName), (candidate) => deps.exists(join(folder, candidate)));
  return name === null ? null : join(folder, name);
}

export function installDownloadHandler(session: Pick<Session, 'on'>, deps: DownloadDeps): void {
  session.on('will-download', (_event, item: DownloadItem) => {
    const path = downloadPath(item.getFilename(), deps);
    if (path === null) {
      deps.log('download: no free file name, cancelled');
      item.cancel();
      return;
    }
    // Setting the path here also means no save dialog: the folder is the one policy chose.
    item.setSavePath(path);
  });
}
