// The folder downloads go to: machine policy's (or the user's) downloadFolder, "~" meaning the home
// folder, else the OS Downloads folder.
import { isAbsolute, join } from 'node:path';

export function resolveDownloadFolder(configured: string | null, home: string, osDownloads: string): string {
  if (configured === null || configured === '') return osDownloads;
  if (configured === '~') return home;
  if (configured.startsWith('~/') || configured.startsWith('~\\')) return join(home, configured.slice(2));
  return isAbsolute(configured) ? configured : osDownloads;
}
